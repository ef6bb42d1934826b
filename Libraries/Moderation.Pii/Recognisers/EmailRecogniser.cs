namespace Moderation.Pii.Recognisers;

/// <summary>
/// EMAIL, a practical grammar: a local part of letters, digits and <c>. _ % + -</c> (no leading, trailing or
/// double dot; no quoted forms), '@', then two or more dot-separated domain labels of letters, digits and
/// inner hyphens, the last all letters and at least two long. A dot or hyphen after the domain ends the sentence,
/// not the address.
/// </summary>
internal static class EmailRecogniser
{
    public static void Scan(string text, ref List<Candidate>? found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var offset = text.AsSpan(i).IndexOf('@');
            if (offset < 0)
            {
                return;
            }

            var at = i + offset;
            i = at + 1;
            var start = at;
            while (start > 0 && IsLocal(text[start - 1]))
            {
                start--;
            }

            // Dots before the first letter belong to the sentence ("...john@example.com").
            while (start < at && text[start] == '.')
            {
                start++;
            }

            if (start == at || text[at - 1] == '.' || text.AsSpan(start, at - start).Contains("..", StringComparison.Ordinal)
                || (start > 0 && Chars.IsWordChar(text[start - 1])))
            {
                continue;
            }

            var end = DomainEnd(text, at + 1);
            if (end < 0)
            {
                continue;
            }

            Candidate.Add(ref found, PiiLabels.Email, start, end, Scores.Email);
            i = end;
        }
    }

    private static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    /// <summary>The end of a valid domain starting at <paramref name="from"/>, or -1.</summary>
    private static int DomainEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-'))
        {
            end++;
        }

        while (end > from && text[end - 1] is '.' or '-')
        {
            end--;
        }

        if (end < text.Length && (Chars.IsWordChar(text[end]) || text[end] == '@'))
        {
            return -1;
        }

        var labels = 0;
        var labelStart = from;
        for (var i = from; i <= end; i++)
        {
            if (i < end && text[i] != '.')
            {
                continue;
            }

            var label = text.AsSpan(labelStart, i - labelStart);
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return -1;
            }

            labels++;
            if (i == end && (label.Length < 2 || !IsLetters(label)))
            {
                return -1;
            }

            labelStart = i + 1;
        }

        return labels >= 2 ? end : -1;
    }

    private static bool IsLetters(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
