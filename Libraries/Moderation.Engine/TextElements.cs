using System.Globalization;
using System.Text;

namespace Moderation.Engine;

/// <summary>User-perceived characters (extended grapheme clusters): spans never split one, masks replace each with one mask character.</summary>
internal static class TextElements
{
    /// <summary>Start index of every text element, plus the text length.</summary>
    public static int[] Boundaries(string text)
    {
        var starts = StringInfo.ParseCombiningCharacters(text);
        var boundaries = new int[starts.Length + 1];
        starts.CopyTo(boundaries, 0);
        boundaries[^1] = text.Length;
        return boundaries;
    }

    /// <summary>Widens [start, end) to whole text elements.</summary>
    public static (int Start, int End) Expand(int[] boundaries, int start, int end)
    {
        var i = Array.BinarySearch(boundaries, start);
        var first = i >= 0 ? start : boundaries[~i - 1];
        var j = Array.BinarySearch(boundaries, end);
        var last = j >= 0 ? end : boundaries[~j];
        return (first, last);
    }

    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask)
    {
        if (detections.Count == 0)
        {
            return text;
        }

        var boundaries = Boundaries(text);
        var masked = new bool[boundaries.Length - 1];
        foreach (var detection in detections)
        {
            var start = Math.Clamp(detection.Start, 0, text.Length);
            var end = Math.Clamp(detection.Start + detection.Length, start, text.Length);
            for (var e = ElementAt(boundaries, start); e < masked.Length && boundaries[e] < end; e++)
            {
                masked[e] = true;
            }
        }

        var builder = new StringBuilder(text.Length);
        for (var e = 0; e < masked.Length; e++)
        {
            if (masked[e])
            {
                builder.Append(mask);
            }
            else
            {
                builder.Append(text, boundaries[e], boundaries[e + 1] - boundaries[e]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Index of the text element that contains <paramref name="index"/>.</summary>
    private static int ElementAt(int[] boundaries, int index)
    {
        var i = Array.BinarySearch(boundaries, index);
        return i >= 0 ? i : ~i - 1;
    }
}
