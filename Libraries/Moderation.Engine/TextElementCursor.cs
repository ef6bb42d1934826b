using System.Globalization;

namespace Moderation.Engine;

/// <summary>
/// Widens spans to whole text elements, for spans taken in order of their start. Each span is segmented from the
/// nearest position known to be an element boundary: a certain boundary (<see cref="IsCertainBoundary"/>), or where
/// the previous span's walk left off. Without that floor, a text with no certain boundary (jamo, no-break spaces,
/// full-width letters, emoji) would be re-segmented from its start for every hit: quadratic.
/// </summary>
internal struct TextElementCursor(string text)
{
    /// <summary>An element boundary at or before every start still to come.</summary>
    private int _floor;

    /// <summary>The last element the previous walk went over, which the next span may start inside.</summary>
    private int _lastStart;
    private int _lastEnd;

    /// <summary>Widens [start, end) to whole text elements; <paramref name="start"/> must not be less than the last call's.</summary>
    public (int Start, int End) Expand(int start, int end)
    {
        int first, position;
        var steps = 0;
        if (start >= _lastStart && start < _lastEnd)
        {
            (first, position) = (_lastStart, _lastEnd);
        }
        else
        {
            // Walk back to a position that is certainly a boundary, then forward to the element holding start.
            var floor = start >= _lastEnd ? Math.Max(_floor, _lastEnd) : _floor;
            position = start;
            while (position > floor && !IsCertainBoundary(text, position))
            {
                position--;
                steps++;
            }

            while (true)
            {
                var next = NextBoundary(text, position);
                steps += next - position;
                if (next > start)
                {
                    break;
                }

                position = next;
            }

            first = position;
            position = NextBoundary(text, position);
        }

        _lastStart = first;
        while (position < end)
        {
            var next = NextBoundary(text, position);
            steps += next - position;
            _lastStart = position;
            position = next;
        }

        _floor = first;
        _lastEnd = position;
        WorkMeter.Add(steps);
        return (first, position);
    }

    /// <summary>
    /// Where the text element starting at <paramref name="position"/> ends. A character followed by a certain
    /// boundary is an element of its own, which spares the segmenter for almost every character.
    /// </summary>
    public static int NextBoundary(string text, int position) =>
        position + 1 >= text.Length ? text.Length
        : IsCertainBoundary(text, position + 1) ? position + 1
        : position + Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(position)));

    /// <summary>
    /// True where no grapheme rule can join the character to the one before: printable ASCII (other than a line
    /// feed after a carriage return), Han ideographs, compatibility jamo, full-width forms and the no-break and
    /// ideographic spaces. Hangul syllables qualify unless a leading jamo precedes.
    /// </summary>
    private static bool IsCertainBoundary(string text, int position)
    {
        var c = text[position];
        return c switch
        {
            '\n' => text[position - 1] != '\r',
            >= ' ' and < '\u007F' => true,
            >= '\u4E00' and <= '\u9FFF' => true,
            >= '\u3131' and <= '\u318E' or >= '\uFF01' and <= '\uFF5E' or '\u00A0' or '\u3000' => true,
            >= '\uAC00' and <= '\uD7A3' => text[position - 1] is < '\u1100' or > '\u115F',
            _ => false,
        };
    }
}
