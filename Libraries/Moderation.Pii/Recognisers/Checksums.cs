namespace Moderation.Pii.Recognisers;

/// <summary>The check-digit and date rules of the numbers recognised, over digit values 0–9.</summary>
internal static class Checksums
{
    private static readonly int[] RrnWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    private static readonly int[] BrnWeights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    private static readonly int[] CnIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Luhn (ISO/IEC 7812): doubling every second digit from the right, the sum is a multiple of 10.</summary>
    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        for (int i = digits.Length - 1, position = 0; i >= 0; i--, position++)
        {
            var d = digits[i];
            if (position % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>The 13th digit of a resident registration number issued before October 2020: (11 − Σ wᵢdᵢ mod 11) mod 10.</summary>
    public static int RrnCheckDigit(ReadOnlySpan<byte> digits) => (11 - (WeightedSum(digits, RrnWeights) % 11)) % 10;

    /// <summary>The 13th digit of a foreigner registration number issued before October 2020: (13 − Σ wᵢdᵢ mod 11) mod 10.</summary>
    public static int FrnCheckDigit(ReadOnlySpan<byte> digits) => (13 - (WeightedSum(digits, RrnWeights) % 11)) % 10;

    /// <summary>The 10th digit of a business registration number: weights 1,3,7,1,3,7,1,3,5 plus the carry ⌊9th digit × 5 / 10⌋.</summary>
    public static int BrnCheckDigit(ReadOnlySpan<byte> digits)
    {
        var sum = WeightedSum(digits, BrnWeights) + digits[8] * 5 / 10;
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>The 18th character of a Chinese resident identity number (ISO 7064 MOD 11-2); 10 stands for X.</summary>
    public static int CnIdCheckValue(ReadOnlySpan<byte> digits) => (12 - (WeightedSum(digits, CnIdWeights) % 11)) % 11;

    public static bool IsRealDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int WeightedSum(ReadOnlySpan<byte> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[i] * weights[i];
        }

        return sum;
    }
}
