using System.Buffers;

namespace Moderation.Engine;

/// <summary>
/// User-perceived characters (extended grapheme clusters): spans never split one, masks replace each with one
/// mask character. Segmentation is done only around each span, never over the whole text.
/// </summary>
internal static class TextElements
{
    /// <remarks>
    /// Spans and output live in pooled arrays (the output is never longer than the text: each element becomes one
    /// mask character), spans are sorted only when they come out of order, which detections never do, and the
    /// widening counts the elements it walks, so masking is a fill: with a span per character, a list, a sort, a
    /// string builder and a second walk over the elements cost more than finding the hits.
    /// </remarks>
    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask)
    {
        if (detections.Count == 0)
        {
            return text;
        }

        var spans = ArrayPool<(int Start, int End)>.Shared.Rent(detections.Count);
        var output = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var count = 0;
            var ordered = true;
            var compact = detections as DetectionList;
            for (var i = 0; i < detections.Count; i++)
            {
                var (detectionStart, detectionLength) = compact?.SpanAt(i) ?? StartAndLength(detections[i]);
                var start = Math.Clamp(detectionStart, 0, text.Length);
                var end = Math.Clamp(detectionStart + detectionLength, 0, text.Length);
                if (end > start)
                {
                    ordered &= count == 0 || spans[count - 1].Start <= start;
                    spans[count++] = (start, end);
                }
            }

            // Overlapping spans are masked as their union, so each character is walked once, and the cursor needs
            // them in order of their start.
            if (!ordered)
            {
                spans.AsSpan(0, count).Sort();
            }

            var written = 0;
            var cursor = new TextElementCursor(text);
            var copied = 0;
            for (var i = 0; i < count;)
            {
                var (start, end) = spans[i++];
                while (i < count && spans[i].Start < end)
                {
                    end = Math.Max(end, spans[i++].End);
                }

                (start, end) = cursor.Expand(start, end, out var elements);
                if (start < copied)
                {
                    // The span starts inside the element the previous one ended with, which is masked already.
                    (start, elements) = (copied, elements - 1);
                }

                text.AsSpan(copied, start - copied).CopyTo(output.AsSpan(written));
                written += start - copied;
                output.AsSpan(written, elements).Fill(mask);
                written += elements;
                copied = Math.Max(copied, end);
            }

            text.AsSpan(copied).CopyTo(output.AsSpan(written));
            written += text.Length - copied;
            return new string(output, 0, written);
        }
        finally
        {
            ArrayPool<(int Start, int End)>.Shared.Return(spans);
            ArrayPool<char>.Shared.Return(output);
        }
    }

    private static (int Start, int Length) StartAndLength(in Detection detection) => (detection.Start, detection.Length);
}
