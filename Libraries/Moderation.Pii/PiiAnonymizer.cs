using System.Text;
using Moderation.Pii.Recognisers;

namespace Moderation.Pii;

/// <summary>Rewrites the values <see cref="PiiDetector"/> found; the text between them is kept exactly.</summary>
public static class PiiAnonymizer
{
    private const char MaskChar = '*';

    /// <summary>
    /// Applies <paramref name="op"/> to each entity. <paramref name="entities"/> must lie within the text, sorted by
    /// start and not overlapping (as <see cref="PiiDetector.Detect"/> returns them); otherwise <see cref="ArgumentException"/>.
    /// </summary>
    public static string Apply(string text, IReadOnlyList<PiiEntity> entities, PiiOperator op)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        if (!Enum.IsDefined(op))
        {
            throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator");
        }

        if (entities.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (var entity in entities)
        {
            if (entity.Start < last || entity.End <= entity.Start || entity.End > text.Length)
            {
                throw new ArgumentException("entities must lie within the text, sorted by start and not overlapping", nameof(entities));
            }

            builder.Append(text, last, entity.Start - last);
            var value = text.AsSpan(entity.Start, entity.Length);
            switch (op)
            {
                case PiiOperator.Placeholder:
                    builder.Append(entity.Label);
                    break;
                case PiiOperator.Mask:
                    Mask(builder, entity.Label, value);
                    break;
                case PiiOperator.Redact:
                    break;
            }

            last = entity.End;
        }

        return builder.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>
    /// What each label keeps (everything else that is a letter or digit becomes '*'; separators stay):
    /// phone: the first group of digits (the first 3 in one run) and the last 4; e-mail: the first character of
    /// the local part and the domain, the rest of the local part as exactly "***"; card: the last 4 digits;
    /// KR_RRN/KR_FRN: the birth date and the sex digit (first 7 digits); KR_BRN: the first 5 digits; CN_ID: the
    /// region (first 6 digits); IPv4: the first two numbers; IPv6: the first group; secret: its vendor prefix
    /// (the header line of a PEM block) followed by exactly "****".
    /// </summary>
    private static void Mask(StringBuilder builder, string label, ReadOnlySpan<char> value)
    {
        switch (label)
        {
            case PiiLabels.Email:
                var at = value.LastIndexOf('@');
                builder.Append(value[0]).Append(MaskChar, 3).Append(value[at..]);
                return;
            case PiiLabels.Secret:
                builder.Append(value[..SecretRecogniser.PrefixLength(value)]).Append(MaskChar, 4);
                return;
        }

        var (keepFirst, keepLast) = label switch
        {
            PiiLabels.PhoneNumber => (FirstDigitGroup(value), 4),
            PiiLabels.CreditCard => (0, 4),
            PiiLabels.KrRrn or PiiLabels.KrFrn => (7, 0),
            PiiLabels.KrBrn => (5, 0),
            PiiLabels.CnId => (6, 0),
            _ => (0, 0),
        };

        if (label == PiiLabels.IpAddress)
        {
            MaskAddress(builder, value);
            return;
        }

        var total = 0;
        foreach (var c in value)
        {
            total += char.IsAsciiLetterOrDigit(c) || Chars.IsDigit(c) ? 1 : 0;
        }

        var seen = 0;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || Chars.IsDigit(c)))
            {
                builder.Append(c);
                continue;
            }

            seen++;
            builder.Append(seen <= keepFirst || seen > total - keepLast ? c : MaskChar);
        }
    }

    /// <summary>How many digits the first group has when the number has separators; 3 for one run of digits.</summary>
    private static int FirstDigitGroup(ReadOnlySpan<char> value)
    {
        var first = value.IndexOfAnyExcept("+(");
        var length = 0;
        while (first + length < value.Length && Chars.IsDigit(value[first + length]))
        {
            length++;
        }

        return first + length == value.Length ? 3 : length;
    }

    private static void MaskAddress(StringBuilder builder, ReadOnlySpan<char> value)
    {
        var v6 = value.Contains(':');
        var separators = 0;
        foreach (var c in value)
        {
            if (c == (v6 ? ':' : '.'))
            {
                separators++;
            }

            var keep = separators < (v6 ? 1 : 2) || c is ':' or '.';
            builder.Append(keep ? c : MaskChar);
        }
    }
}
