namespace Moderation.Pii.Recognisers;

/// <summary>PHONE_NUMBER: Korean, Chinese and North American numbers as written at home, and +CC numbers.</summary>
internal static class PhoneNumbers
{
    /// <summary>Two-digit country codes (ITU-T E.164); 1 and 7 are the one-digit codes, every other code has three digits.</summary>
    private static readonly HashSet<int> TwoDigitCountryCodes =
    [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
        60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ];

    private enum KoreanKind
    {
        None,
        Mobile,
        Landline,
    }

    /// <summary>
    /// A number without a country code. Korean: 010-NNNN-NNNN, 011/016–019 with 3 or 4 middle digits, 02 and the
    /// area codes 031–064, 070, 080 in 2/3-3/4-4 groups (the area code may be parenthesised); 15XX/16XX/18XX-NNNN.
    /// Mobile numbers may be written in one run, landlines only after a context word. Chinese: 1[3-9]X NNNN NNNN
    /// (one run too) and 0AA(A)-NNNNNNN(N) landlines. North American: NXX-NXX-NNNN or (NXX) NXX-NNNN.
    /// </summary>
    public static bool TryDomestic(string text, scoped in NumberShape shape, out double score)
    {
        score = 0;
        if (shape.EndsWithX || shape.Separator == NumberShape.Mixed)
        {
            return false;
        }

        for (var i = 1; i < shape.Count; i++)
        {
            if (shape.Groups[i].Parenthesised)
            {
                return false;
            }
        }

        score = shape.Count switch
        {
            1 when shape.Parenthesised => 0,
            1 => OneRun(text, shape),
            2 => TwoGroups(text, shape),
            3 => ThreeGroups(shape),
            _ => 0,
        };
        return score > 0;
    }

    /// <summary>+CC then the national number in any grouping; a "(0)" trunk prefix is left out of <paramref name="shape"/>'s digits by the caller.</summary>
    public static bool TryInternational(scoped in NumberShape shape, out double score)
    {
        score = 0;
        var d = shape.Digits;
        if (shape.EndsWithX || shape.Parenthesised || d.Length is < 8 or > 15)
        {
            return false;
        }

        var codeLength = d[0] is 1 or 7 ? 1 : TwoDigitCountryCodes.Contains(shape.Value(0, 2)) ? 2 : 3;
        if (shape.Length(0) < codeLength)
        {
            return false;
        }

        var code = shape.Value(0, codeLength);
        var national = d[codeLength..];
        if (code != 1 && national.Length > 0 && national[0] == 0)
        {
            // "+82 010-…": the domestic trunk 0 written after the country code.
            national = national[1..];
        }

        var valid = code switch
        {
            82 => Korean(national) != KoreanKind.None,
            86 => (national.Length == 11 && national[0] == 1 && national[1] >= 3)
                || (national.Length == 10 && national[0] == 1 && national[1] == 0)
                || (national.Length is 10 or 11 && national[0] >= 2),
            1 => national.Length == 10 && national[0] >= 2 && national[3] >= 2,
            44 => national.Length is 9 or 10,
            _ => national.Length is >= 6 and <= 12,
        };
        score = valid ? Scores.InternationalPhone : 0;
        return valid;
    }

    private static double OneRun(string text, scoped in NumberShape shape)
    {
        var d = shape.Digits;
        if (d[0] == 0)
        {
            return Korean(d[1..]) switch
            {
                KoreanKind.Mobile => Scores.MobilePhone,
                KoreanKind.Landline when ContextWords.Before(text, shape.Start, PiiLabels.PhoneNumber) => Scores.NeedsContext,
                _ => 0,
            };
        }

        return d.Length == 11 && d[0] == 1 && d[1] >= 3 ? Scores.MobilePhone : 0;
    }

    private static double TwoGroups(string text, scoped in NumberShape shape)
    {
        var d = shape.Digits;
        if (shape.Parenthesised)
        {
            return 0;
        }

        // 1588-1234: not a year range such as 1592-1598년.
        if (shape.Lengths(4, 4) && shape.Separator == '-' && d[0] == 1 && d[1] is 5 or 6 or 8
            && !(shape.End < text.Length && text[shape.End] is '년' or '年'))
        {
            return Scores.OtherPhone;
        }

        // Chinese landlines: 010/02X-NNNNNNNN, 0AAA-NNNNNNN(N).
        var chineseArea = (shape.Length(0) == 3 && d[0] == 0 && d[1] is 1 or 2)
            || (shape.Length(0) == 4 && d[0] == 0 && d[1] >= 3);
        return chineseArea && shape.Length(1) is 7 or 8 && shape.Separator == '-' ? Scores.OtherPhone : 0;
    }

    private static double ThreeGroups(scoped in NumberShape shape)
    {
        var d = shape.Digits;
        if (shape.Length(2) != 4)
        {
            return 0;
        }

        int first = shape.Length(0), middle = shape.Length(1);
        if (d[0] == 0)
        {
            var kind = Korean(d[1..]);
            var areaLength = d[1] == 2 ? 2 : 3;
            var middleOk = d[1] == 1 && d[2] == 0 ? middle == 4 : middle is 3 or 4;
            return kind == KoreanKind.None || first != areaLength || !middleOk ? 0
                : kind == KoreanKind.Mobile ? Scores.MobilePhone
                : Scores.OtherPhone;
        }

        if (first == 3 && middle == 4 && d[0] == 1 && d[1] >= 3 && !shape.Parenthesised && shape.Separator is ' ' or '-')
        {
            return Scores.MobilePhone;
        }

        var northAmerican = first == 3 && middle == 3 && d[0] >= 2 && d[3] >= 2
            && (shape.Parenthesised ? shape.Separator is '-' or '\0' : shape.Separator is '-' or '.');
        return northAmerican ? Scores.OtherPhone : 0;
    }

    /// <summary>What a Korean national significant number (the digits after the trunk 0) is: 10 + 8 digits, 11/16–19 + 7–8, 2 + 7–8, 31–64 + 7–8, 70 + 8, 80 + 7–8.</summary>
    private static KoreanKind Korean(ReadOnlySpan<byte> n)
    {
        if (n.Length < 8)
        {
            return KoreanKind.None;
        }

        int a = n[0], b = n[1];
        var rest = n.Length - 2;
        return (a, b) switch
        {
            (1, 0) => rest == 8 ? KoreanKind.Mobile : KoreanKind.None,
            (1, 1 or 6 or 7 or 8 or 9) => rest is 7 or 8 ? KoreanKind.Mobile : KoreanKind.None,
            (2, _) => n.Length is 8 or 9 ? KoreanKind.Landline : KoreanKind.None,
            (3 or 4 or 5 or 6, >= 1 and <= 5) => rest is 7 or 8 ? KoreanKind.Landline : KoreanKind.None,
            (7, 0) => rest == 8 ? KoreanKind.Landline : KoreanKind.None,
            (8, 0) => rest is 7 or 8 ? KoreanKind.Landline : KoreanKind.None,
            _ => KoreanKind.None,
        };
    }
}
