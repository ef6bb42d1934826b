namespace Moderation.Pii.Recognisers;

/// <summary>Character classes every recogniser shares: digits (ASCII and full-width), word characters, separators.</summary>
internal static class Chars
{
    public static bool IsDigit(char c) => char.IsAsciiDigit(c) || c is >= '０' and <= '９';

    public static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    /// <summary>
    /// A character that glues onto a value and so makes it part of a longer token: ASCII and full-width letters and
    /// digits, the underscore, and letters of alphabetic scripts below U+1100. Hangul, Han and kana are not word
    /// characters, because Korean particles and Chinese text follow a number without a space (<c>010-1234-5678로</c>).
    /// </summary>
    public static bool IsWordChar(char c) => c < 0x80
        ? char.IsAsciiLetterOrDigit(c) || c == '_'
        : c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' || (c < 0x1100 && char.IsLetter(c));

    /// <summary>A separator inside a number: hyphen (ASCII or full-width), space, dot.</summary>
    public static bool IsNumberSeparator(char c) => c is '-' or ' ' or '.' or '－';

    /// <summary>Hyphen-like separators, which chain digit groups into one longer number.</summary>
    public static bool IsChainingSeparator(char c) => c is '-' or '.' or '－';

    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
