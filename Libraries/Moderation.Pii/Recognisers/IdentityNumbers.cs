namespace Moderation.Pii.Recognisers;

/// <summary>KR_RRN, KR_FRN, KR_BRN and CN_ID: a fixed layout, a real date where there is one, and a check digit.</summary>
internal static class IdentityNumbers
{
    /// <summary>Two-digit province codes of Chinese identity numbers (GB/T 2260), including Taiwan, Hong Kong, Macao and 91 (abroad).</summary>
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
    ];

    /// <summary>
    /// YYMMDD-GNNNNNC, with or without the hyphen (or a space). G gives sex and century (1/2 and 5/6: 1900s;
    /// 3/4 and 7/8: 2000s; 9/0: 1800s) and the kind: 5–8 are foreigners (KR_FRN), the rest citizens (KR_RRN).
    /// The date must be real. A matching check digit is reported alone; a failing one (numbers issued since
    /// October 2020 carry none) only after a context word, with a lower score.
    /// </summary>
    public static bool TryResident(string text, scoped in NumberShape shape, out string label, out double score)
    {
        label = PiiLabels.KrRrn;
        score = 0;
        if (!shape.IsPlain || !(shape.Lengths(13) || (shape.Lengths(6, 7) && shape.Separator is '-' or ' ')))
        {
            return false;
        }

        var d = shape.Digits;
        var century = d[6] switch
        {
            1 or 2 or 5 or 6 => 1900,
            3 or 4 or 7 or 8 => 2000,
            _ => 1800,
        };
        if (!Checksums.IsRealDate(century + shape.Value(0, 2), shape.Value(2, 2), shape.Value(4, 2)))
        {
            return false;
        }

        var foreigner = d[6] is >= 5 and <= 8;
        label = foreigner ? PiiLabels.KrFrn : PiiLabels.KrRrn;
        var check = foreigner ? Checksums.FrnCheckDigit(d) : Checksums.RrnCheckDigit(d);
        if (d[12] == check)
        {
            score = Scores.CheckedIdentity;
            return true;
        }

        if (ContextWords.Before(text, shape.Start, label))
        {
            score = Scores.UncheckedIdentity;
            return true;
        }

        return false;
    }

    /// <summary>
    /// NNN-NN-NNNNN (hyphens or spaces) with its check digit; ten digits in a row only after a context word,
    /// since the bare form is any ten-digit number that happens to pass a one-in-ten check.
    /// </summary>
    public static bool TryBusiness(string text, scoped in NumberShape shape, out double score)
    {
        score = 0;
        var grouped = shape.Lengths(3, 2, 5) && shape.Separator is '-' or ' ';
        if (!shape.IsPlain || !(grouped || shape.Lengths(10)) || shape.Digits[0] == 0
            || shape.Digits[9] != Checksums.BrnCheckDigit(shape.Digits))
        {
            return false;
        }

        if (grouped)
        {
            score = Scores.BusinessNumber;
            return true;
        }

        score = ContextWords.Before(text, shape.Start, PiiLabels.KrBrn) ? Scores.NeedsContext : 0;
        return score > 0;
    }

    /// <summary>
    /// Eighteen characters (or 6-8-4 with spaces or hyphens): a province code, a real YYYYMMDD birth date from
    /// 1900 to 2099, a sequence number and the ISO 7064 MOD 11-2 check character (0–9 or X).
    /// </summary>
    public static bool TryChinese(scoped in NumberShape shape, out double score)
    {
        score = 0;
        var x = shape.EndsWithX;
        var lastLength = x ? 3 : 4;
        if (shape.Parenthesised
            || !(shape.Lengths(x ? 17 : 18) || (shape.Lengths(6, 8, lastLength) && shape.Separator is ' ' or '-'))
            || !Provinces.Contains(shape.Value(0, 2)))
        {
            return false;
        }

        var year = shape.Value(6, 4);
        if (year is < 1900 or > 2099 || !Checksums.IsRealDate(year, shape.Value(10, 2), shape.Value(12, 2)))
        {
            return false;
        }

        var expected = Checksums.CnIdCheckValue(shape.Digits);
        if ((x ? 10 : shape.Digits[17]) != expected)
        {
            return false;
        }

        score = Scores.CheckedIdentity;
        return true;
    }
}
