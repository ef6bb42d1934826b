using System.Buffers;
using System.Runtime.CompilerServices;

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
        bool ordered;
        var masked = ArrayPool<(int Start, int End, int Elements)>.Shared.Rent(detections.Count);
        try
        {
            // Overlapping or adjacent spans are masked as their union, so each character is walked once and each
            // range costs one walk (시́발́시́발́… is one range, not one per detection; the same elements are touched
            // either way), and the cursor needs them in order of their start. Spans in order are merged as they come
            // (ㅅㅂㅅㅂ… is one range); a span out of order has them sorted and merged again, which leaves the same union.
            var count = detections switch
            {
                DetectionList { Union: { } union } compact when ReferenceEquals(compact.Text, text) => One(union, spans, out ordered),
                DetectionList compact => compact.CollectSpans(text.Length, spans, out ordered),
                _ => CollectSpans(detections, text.Length, spans, out ordered),
            };
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
                while (i < count && spans[i].Start <= end)
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

    private static int One((int Start, int End) union, (int Start, int End)[] spans, out bool ordered)
    {
        (spans[0], ordered) = (union, true);
        return 1;
    }

    private static int CollectSpans(IReadOnlyList<Detection> detections, int textLength, (int Start, int End)[] spans, out bool ordered)
    {
        var merger = new SpanMerger(spans);
        for (var i = 0; i < detections.Count; i++)
        {
            var detection = detections[i];
            merger.Add(detection.Start, detection.Length, textLength);
        }

        ordered = merger.Ordered;
        return merger.Count;
    }
}

/// <summary>
/// Collects spans clamped to the text, empty ones dropped, merging each into the one before while they come in order
/// of their start and overlap or meet it; after the first out of order, they are only appended.
/// </summary>
internal struct SpanMerger((int Start, int End)[] spans)
{
    public int Count { get; private set; }

    public bool Ordered { get; private set; } = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int detectionStart, int detectionLength, int textLength)
    {
        var start = Math.Clamp(detectionStart, 0, textLength);
        var end = Math.Clamp(detectionStart + detectionLength, 0, textLength);
        if (end <= start)
        {
            return;
        }

        if (Count > 0 && Ordered)
        {
            ref var last = ref spans[Count - 1];
            if (start < last.Start)
            {
                Ordered = false;
            }
            else if (start <= last.End)
            {
                last.End = Math.Max(last.End, end);
                return;
            }
        }

        spans[Count++] = (start, end);
    }
}
