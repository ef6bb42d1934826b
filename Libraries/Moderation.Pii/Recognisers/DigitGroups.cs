namespace Moderation.Pii.Recognisers;

/// <summary>
/// One group of a number as written: digits, optionally in parentheses (<c>(02)</c>), optionally followed by the
/// check character X of a Chinese identity number; <see cref="SeparatorBefore"/> joins it to the previous group.
/// </summary>
internal struct DigitGroup
{
    public int Start;
    public int DigitStart;
    public int DigitEnd;
    public int End;
    public char SeparatorBefore;
    public bool Parenthesised;
    public bool CheckX;

    public readonly int DigitCount => DigitEnd - DigitStart;
}

internal static class DigitGroups
{
    /// <summary>No recognised number has more groups (a 19-digit card in 4-4-4-4-3 has five; +1 (415) 555-0132 four).</summary>
    public const int Max = 8;

    /// <summary>No recognised number has more digits (a 19-digit card; an 18-character Chinese identity number).</summary>
    public const int MaxDigits = 19;

    /// <summary>
    /// Reads up to <see cref="Max"/> groups from <paramref name="position"/>, joined by one separator each
    /// (hyphen, space, dot; nothing after a closing parenthesis). Returns how many were read.
    /// </summary>
    public static int Collect(string text, int position, Span<DigitGroup> groups)
    {
        var count = 0;
        var i = position;
        var separator = '\0';
        while (count < groups.Length && i < text.Length)
        {
            var start = i;
            var parenthesised = text[i] == '(';
            if (parenthesised)
            {
                i++;
            }

            var digitStart = i;
            while (i < text.Length && Chars.IsDigit(text[i]))
            {
                i++;
            }

            var digitEnd = i;
            if (digitEnd == digitStart || (parenthesised && (i == text.Length || text[i] != ')')))
            {
                break;
            }

            var checkX = false;
            if (parenthesised)
            {
                i++;
            }
            else if (i < text.Length && text[i] is 'X' or 'x' && (i + 1 == text.Length || !Chars.IsWordChar(text[i + 1])))
            {
                checkX = true;
                i++;
            }

            groups[count++] = new DigitGroup
            {
                Start = start,
                DigitStart = digitStart,
                DigitEnd = digitEnd,
                End = i,
                SeparatorBefore = separator,
                Parenthesised = parenthesised,
                CheckX = checkX,
            };

            if (checkX || i >= text.Length)
            {
                break;
            }

            if (parenthesised && Chars.IsDigit(text[i]))
            {
                separator = '\0';
            }
            else if (Chars.IsNumberSeparator(text[i]) && i + 1 < text.Length && StartsGroup(text, i + 1))
            {
                separator = text[i] == '－' ? '-' : text[i];
                i++;
            }
            else
            {
                break;
            }
        }

        return count;
    }

    private static bool StartsGroup(string text, int i) =>
        Chars.IsDigit(text[i]) || (text[i] == '(' && i + 1 < text.Length && Chars.IsDigit(text[i + 1]));
}
