using System.Text;

namespace Moderation.Engine;

/// <summary>
/// User-perceived characters (extended grapheme clusters): spans never split one, masks replace each with one
/// mask character. Segmentation is done only around each span, never over the whole text.
/// </summary>
internal static class TextElements
{
    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask)
    {
        if (detections.Count == 0)
        {
            return text;
        }

        var spans = new List<(int Start, int End)>(detections.Count);
        foreach (var detection in detections)
        {
            var start = Math.Clamp(detection.Start, 0, text.Length);
            var end = Math.Clamp(detection.Start + detection.Length, 0, text.Length);
            if (end > start)
            {
                spans.Add((start, end));
            }
        }

        // Overlapping spans are masked as their union, so each character is walked once, and the cursor needs them
        // in order of their start.
        spans.Sort();
        var builder = new StringBuilder(text.Length);
        var cursor = new TextElementCursor(text);
        var copied = 0;
        for (var i = 0; i < spans.Count;)
        {
            var (start, end) = spans[i++];
            while (i < spans.Count && spans[i].Start < end)
            {
                end = Math.Max(end, spans[i++].End);
            }

            (start, end) = cursor.Expand(start, end);
            var from = Math.Max(start, copied);
            builder.Append(text, copied, from - copied);
            var steps = 0;
            for (var position = from; position < end; position = TextElementCursor.NextBoundary(text, position))
            {
                builder.Append(mask);
                steps++;
            }

            WorkMeter.Add(steps);
            copied = Math.Max(copied, end);
        }

        builder.Append(text, copied, text.Length - copied);
        return builder.ToString();
    }
}
