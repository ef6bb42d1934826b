namespace Moderation.Pii.Recognisers;

/// <summary>The first groups of a number taken together: their digits, lengths, and the separator they share.</summary>
internal readonly ref struct NumberShape
{
    /// <summary>The separator of a shape whose groups are joined by different separators.</summary>
    public const char Mixed = '?';

    public NumberShape(ReadOnlySpan<DigitGroup> groups, ReadOnlySpan<byte> digits)
    {
        Groups = groups;
        Digits = digits;
        var separator = '\0';
        for (var i = 1; i < groups.Length; i++)
        {
            // The separator after a parenthesised area code ("(02) 1234-5678") does not count.
            if (groups[i - 1].Parenthesised)
            {
                continue;
            }

            var s = groups[i].SeparatorBefore;
            separator = separator == '\0' || separator == s ? s : Mixed;
        }

        Separator = separator;
    }

    public ReadOnlySpan<DigitGroup> Groups { get; }

    public ReadOnlySpan<byte> Digits { get; }

    /// <summary>The separator every group shares; '\0' for one group; <see cref="Mixed"/> when they differ.</summary>
    public char Separator { get; }

    public int Count => Groups.Length;

    public int Start => Groups[0].Start;

    public int End => Groups[^1].End;

    public bool EndsWithX => Groups[^1].CheckX;

    public bool Parenthesised => Groups[0].Parenthesised;

    /// <summary>True for a plain number: no parentheses, no X.</summary>
    public bool IsPlain
    {
        get
        {
            foreach (var group in Groups)
            {
                if (group.Parenthesised || group.CheckX)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public int Length(int group) => Groups[group].DigitCount;

    public bool Lengths(int a) => Count == 1 && Length(0) == a;

    public bool Lengths(int a, int b) => Count == 2 && Length(0) == a && Length(1) == b;

    public bool Lengths(int a, int b, int c) => Count == 3 && Length(0) == a && Length(1) == b && Length(2) == c;

    /// <summary>The number formed by digits [from, from + count).</summary>
    public int Value(int from, int count)
    {
        var value = 0;
        for (var i = from; i < from + count; i++)
        {
            value = value * 10 + Digits[i];
        }

        return value;
    }

    public bool StartsWith(string prefix)
    {
        if (Digits.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (Digits[i] != prefix[i] - '0')
            {
                return false;
            }
        }

        return true;
    }
}
