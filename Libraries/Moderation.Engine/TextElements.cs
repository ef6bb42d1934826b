using System.Globalization;
using System.Text;

namespace Moderation.Engine;

/// <summary>
/// User-perceived characters (extended grapheme clusters): spans never split one, masks replace each with one
/// mask character. Segmentation is done only around each span, never over the whole text.
/// </summary>
internal static class TextElements
{
    /// <summary>Widens [start, end) to whole text elements.</summary>
    public static (int Start, int End) Expand(string text, int start, int end)
    {
        // Walk forward from a position that is certainly a boundary.
        var position = start;
        while (position > 0 && !IsCertainBoundary(text, position))
        {
            position--;
        }

        while (true)
        {
            var length = ElementLength(text, position);
            if (position + length > start)
            {
                break;
            }

            position += length;
        }

        var first = position;
        while (position < end)
        {
            position += ElementLength(text, position);
        }

        return (first, position);
    }

    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask)
    {
        if (detections.Count == 0)
        {
            return text;
        }

        var spans = detections
            .Select(d => (Start: Math.Clamp(d.Start, 0, text.Length), End: Math.Clamp(d.Start + d.Length, 0, text.Length)))
            .Where(s => s.End > s.Start)
            .Select(s => Expand(text, s.Start, s.End))
            .OrderBy(s => s.Start);

        var builder = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var (start, end) in spans)
        {
            var from = Math.Max(start, copied);
            builder.Append(text, copied, from - copied);
            for (var position = from; position < end; position += ElementLength(text, position))
            {
                builder.Append(mask);
            }

            copied = Math.Max(copied, end);
        }

        builder.Append(text, copied, text.Length - copied);
        return builder.ToString();
    }

    private static int ElementLength(string text, int position) =>
        Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(position)));

    /// <summary>
    /// True where no grapheme rule can join the character to the one before: printable ASCII (other than a line
    /// feed after a carriage return) and Han ideographs. Hangul syllables qualify unless a leading jamo precedes.
    /// </summary>
    private static bool IsCertainBoundary(string text, int position)
    {
        var c = text[position];
        return c switch
        {
            '\n' => text[position - 1] != '\r',
            >= ' ' and < '\u007F' => true,
            >= '\u4E00' and <= '\u9FFF' => true,
            >= '\uAC00' and <= '\uD7A3' => text[position - 1] is < '\u1100' or > '\u115F',
            _ => false,
        };
    }
}
