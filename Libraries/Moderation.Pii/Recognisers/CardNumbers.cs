namespace Moderation.Pii.Recognisers;

/// <summary>CREDIT_CARD: a known issuer's prefix and length, and the Luhn check.</summary>
internal static class CardNumbers
{
    /// <summary>
    /// All digits in a row, or groups joined by spaces or hyphens where the first has four digits and the rest
    /// three to six (4-4-4-4, 4-6-5, 4-4-4-4-3). Issuers and lengths: Visa 4 (16, 19); Mastercard 51–55 and
    /// 2221–2720 (16); Amex 34, 37 (15); Discover 6011, 644–649, 65 (16, 19); JCB 3528–3589 (16, 19);
    /// UnionPay 62 (16, 19); Diners 300–305, 36, 38, 39 (14, 16). Lengths 13, 17 and 18 are left out on purpose:
    /// hardly issued, and the lengths of a resident registration number and a Chinese identity number.
    /// </summary>
    public static bool TryCard(scoped in NumberShape shape, out double score)
    {
        score = 0;
        if (!shape.IsPlain || !Layout(shape) || !KnownIssuer(shape) || !Checksums.Luhn(shape.Digits))
        {
            return false;
        }

        score = Scores.CreditCard;
        return true;
    }

    private static bool Layout(scoped in NumberShape shape)
    {
        if (shape.Count == 1)
        {
            return true;
        }

        if (shape.Count < 3 || shape.Length(0) != 4 || shape.Separator is not (' ' or '-'))
        {
            return false;
        }

        for (var i = 1; i < shape.Count; i++)
        {
            if (shape.Length(i) is < 3 or > 6)
            {
                return false;
            }
        }

        return true;
    }

    private static bool KnownIssuer(scoped in NumberShape shape)
    {
        var length = shape.Digits.Length;
        if (length < 14)
        {
            return false;
        }

        int two = shape.Value(0, 2), three = shape.Value(0, 3), four = shape.Value(0, 4);
        var sixteenOrNineteen = length is 16 or 19;
        return shape.Digits[0] == 4 ? sixteenOrNineteen
            : two is >= 51 and <= 55 || four is >= 2221 and <= 2720 ? length == 16
            : two is 34 or 37 ? length == 15
            : four == 6011 || three is >= 644 and <= 649 || two == 65 ? sixteenOrNineteen
            : four is >= 3528 and <= 3589 ? sixteenOrNineteen
            : two == 62 ? sixteenOrNineteen
            : (three is >= 300 and <= 305 || two is 36 or 38 or 39) && length is 14 or 16;
    }
}
