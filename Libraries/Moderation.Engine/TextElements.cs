using System.Buffers;

namespace Moderation.Engine;

/// <summary>
/// User-perceived characters (extended grapheme clusters): spans never split one, masks replace each with one
/// mask character. Segmentation is done only around each span, never over the whole text.
/// </summary>
internal static class TextElements
{
    private const int ShortRun = 8;

    /// <remarks>
    /// Spans live in pooled arrays and are sorted only when they come out of order, which detections never do; the
    /// widening counts the elements it walks, so the result's length is known before it is written, once, with a
    /// fill per range. With a span per character, a list, a sort, a string builder, a second walk over the elements
    /// and a copy of the finished text cost more than finding the hits.
    /// </remarks>
    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask)
    {
        if (detections.Count == 0)
        {
            return text;
        }

        var spans = ArrayPool<(int Start, int End)>.Shared.Rent(detections.Count);
        var masked = ArrayPool<(int Start, int End, int Elements)>.Shared.Rent(detections.Count);
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

            // First the ranges to mask and the length they leave, then the masked text written once in place.
            var ranges = 0;
            var length = text.Length;
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

                if (end > start)
                {
                    masked[ranges++] = (start, end, elements);
                    length -= end - start - elements;
                }

                copied = Math.Max(copied, end);
            }

            return string.Create(length, (text, masked, ranges, mask), static (output, state) =>
            {
                var (text, masked, ranges, mask) = state;
                var copied = 0;
                var written = 0;
                foreach (var (start, end, elements) in masked.AsSpan(0, ranges))
                {
                    // Ranges a few characters apart (ㅅㅂ ㅅㅂ …) are copied and filled by hand: the calls cost more.
                    if (start - copied <= ShortRun && elements <= ShortRun)
                    {
                        for (var k = copied; k < start; k++)
                        {
                            output[written++] = text[k];
                        }

                        for (var k = 0; k < elements; k++)
                        {
                            output[written++] = mask;
                        }
                    }
                    else
                    {
                        text.AsSpan(copied, start - copied).CopyTo(output[written..]);
                        written += start - copied;
                        output.Slice(written, elements).Fill(mask);
                        written += elements;
                    }

                    copied = end;
                }

                text.AsSpan(copied).CopyTo(output[written..]);

            });
        }
        finally
        {
            ArrayPool<(int Start, int End)>.Shared.Return(spans);
            ArrayPool<(int Start, int End, int Elements)>.Shared.Return(masked);
        }
    }

    private static (int Start, int Length) StartAndLength(in Detection detection) => (detection.Start, detection.Length);
}
