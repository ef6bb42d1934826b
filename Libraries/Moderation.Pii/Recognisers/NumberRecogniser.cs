using System.Buffers;

namespace Moderation.Pii.Recognisers;

/// <summary>
/// Every label written with digits: phone numbers, KR_RRN/KR_FRN/KR_BRN, CN_ID, cards, IPv4. One pass: at each
/// number that starts on a boundary it reads the next few digit groups and tries the longest layouts first.
/// A number that continues with a hyphen or dot and more digits, or that touches a letter or digit, is part of
/// something longer and is not an entity (a 13-digit RRN inside a 20-digit number, 1.2.3.4 in 1.2.3.4.5).
/// </summary>
internal static class NumberRecogniser
{
    private static readonly SearchValues<char> Triggers = SearchValues.Create("0123456789０１２３４５６７８９+(");

    public static void Scan(string text, ref List<Candidate>? found)
    {
        // Hot path: buffers on the stack, reused for every number in the text.
        Span<DigitGroup> groups = stackalloc DigitGroup[DigitGroups.Max];
        Span<byte> digits = stackalloc byte[DigitGroups.MaxDigits];
        var i = 0;
        while (i < text.Length)
        {
            var offset = text.AsSpan(i).IndexOfAny(Triggers);
            if (offset < 0)
            {
                return;
            }

            var p = i + offset;
            i = text[p] switch
            {
                '+' => International(text, p, groups, digits, ref found),
                '(' => Parenthesised(text, p, groups, digits, ref found),
                _ => Digits(text, p, groups, digits, ref found),
            };
        }
    }

    private static int Digits(string text, int p, Span<DigitGroup> groups, Span<byte> digits, ref List<Candidate>? found)
    {
        var count = DigitGroups.Collect(text, p, groups);
        if (!LeftBoundary(text, p))
        {
            return groups[0].DigitEnd;
        }

        for (var s = 0; s < count; s++)
        {
            // A later group can start a number of its own only after a space: "2024 010-1234-5678".
            if (s > 0 && groups[s].SeparatorBefore != ' ')
            {
                continue;
            }

            var end = Match(text, groups[s..count], digits, ref found);
            if (end > 0)
            {
                return end;
            }
        }

        return groups[count - 1].End;
    }

    private static int Parenthesised(string text, int p, Span<DigitGroup> groups, Span<byte> digits, ref List<Candidate>? found)
    {
        if (p > 0 && Chars.IsWordChar(text[p - 1]))
        {
            return p + 1;
        }

        var count = DigitGroups.Collect(text, p, groups);
        var end = count == 0 ? -1 : Match(text, groups[..count], digits, ref found);
        return end > 0 ? end : p + 1;
    }

    private static int International(string text, int p, Span<DigitGroup> groups, Span<byte> digits, ref List<Candidate>? found)
    {
        if ((p > 0 && (Chars.IsWordChar(text[p - 1]) || text[p - 1] == '+')) || p + 1 >= text.Length || !Chars.IsDigit(text[p + 1]))
        {
            return p + 1;
        }

        var count = DigitGroups.Collect(text, p + 1, groups);
        for (var m = count; m >= 1; m--)
        {
            var window = groups[..m];
            var length = Fill(text, window, digits, skipTrunk: true);
            if (length < 0 || !RightBoundary(text, window[^1].End))
            {
                continue;
            }

            if (PhoneNumbers.TryInternational(new NumberShape(window, digits[..length]), out var score))
            {
                Candidate.Add(ref found, PiiLabels.PhoneNumber, p, window[^1].End, score);
                return window[^1].End;
            }
        }

        return p + 1;
    }

    /// <summary>Tries every layout on the first m groups, m falling; each label keeps its longest match. Returns the furthest end found, or -1.</summary>
    private static int Match(string text, ReadOnlySpan<DigitGroup> window, Span<byte> digits, ref List<Candidate>? found)
    {
        bool resident = false, business = false, chinese = false, card = false, ip = false, phone = false;
        var furthest = -1;
        for (var m = window.Length; m >= 1; m--)
        {
            var groups = window[..m];
            var length = Fill(text, groups, digits, skipTrunk: false);
            if (length < 0 || !RightBoundary(text, groups[^1].End))
            {
                continue;
            }

            var shape = new NumberShape(groups, digits[..length]);
            double score;
            if (!resident && IdentityNumbers.TryResident(text, shape, out var label, out score))
            {
                resident = Add(ref found, label, shape, score, ref furthest);
            }

            if (!business && IdentityNumbers.TryBusiness(text, shape, out score))
            {
                business = Add(ref found, PiiLabels.KrBrn, shape, score, ref furthest);
            }

            if (!chinese && IdentityNumbers.TryChinese(shape, out score))
            {
                chinese = Add(ref found, PiiLabels.CnId, shape, score, ref furthest);
            }

            if (!card && CardNumbers.TryCard(shape, out score))
            {
                card = Add(ref found, PiiLabels.CreditCard, shape, score, ref furthest);
            }

            if (!ip && TryIpv4(text, shape, out score))
            {
                ip = Add(ref found, PiiLabels.IpAddress, shape, score, ref furthest);
            }

            if (!phone && PhoneNumbers.TryDomestic(text, shape, out score))
            {
                phone = Add(ref found, PiiLabels.PhoneNumber, shape, score, ref furthest);
            }
        }

        return furthest;
    }

    private static bool Add(ref List<Candidate>? found, string label, scoped in NumberShape shape, double score, ref int furthest)
    {
        Candidate.Add(ref found, label, shape.Start, shape.End, score);
        furthest = Math.Max(furthest, shape.End);
        return true;
    }

    /// <summary>
    /// Four dotted groups of 0–255 without leading zeros. Not after a version word ("version 1.2.3.4", "버전",
    /// "版本"); glued to a letter ("v1.2.3.4") it fails the boundary test before it gets here.
    /// </summary>
    private static bool TryIpv4(string text, scoped in NumberShape shape, out double score)
    {
        score = 0;
        if (shape.Count != 4 || shape.Separator != '.' || !shape.IsPlain)
        {
            return false;
        }

        var offset = 0;
        for (var g = 0; g < 4; g++)
        {
            var length = shape.Length(g);
            if (length > 3 || (length > 1 && shape.Digits[offset] == 0) || shape.Value(offset, length) > 255)
            {
                return false;
            }

            offset += length;
        }

        if (ContextWords.AnyBefore(text, shape.Start, ContextWords.Version, 12))
        {
            return false;
        }

        score = Scores.Ipv4;
        return true;
    }

    /// <summary>Copies the groups' digit values into <paramref name="digits"/>; -1 when there are too many. With <paramref name="skipTrunk"/>, a "(0)" group adds nothing.</summary>
    private static int Fill(string text, ReadOnlySpan<DigitGroup> groups, Span<byte> digits, bool skipTrunk)
    {
        var length = 0;
        foreach (var group in groups)
        {
            if (skipTrunk && group.Parenthesised && group.DigitCount == 1 && Chars.DigitValue(text[group.DigitStart]) == 0)
            {
                continue;
            }

            if (length + group.DigitCount > digits.Length)
            {
                return -1;
            }

            for (var i = group.DigitStart; i < group.DigitEnd; i++)
            {
                digits[length++] = (byte)Chars.DigitValue(text[i]);
            }
        }

        return length;
    }

    /// <summary>A number may start here: not glued to a word character, a '+', or a hyphen or dot after one (a longer number or code).</summary>
    private static bool LeftBoundary(string text, int p)
    {
        if (p == 0)
        {
            return true;
        }

        var previous = text[p - 1];
        return !(Chars.IsWordChar(previous) || previous == '+'
            || (Chars.IsChainingSeparator(previous) && p >= 2 && Chars.IsWordChar(text[p - 2])));
    }

    /// <summary>A number may end here: no word character after it, and no hyphen or dot continuing it with digits.</summary>
    private static bool RightBoundary(string text, int end) =>
        end >= text.Length
        || !(Chars.IsWordChar(text[end])
            || (Chars.IsChainingSeparator(text[end]) && end + 1 < text.Length && Chars.IsDigit(text[end + 1])));
}
