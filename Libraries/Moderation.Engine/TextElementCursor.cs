using System.Globalization;
using System.Runtime.CompilerServices;

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
    /// <param name="elements">How many text elements the widened span holds, so a mask needs no second walk.</param>
    public (int Start, int End) Expand(int start, int end, out int elements)
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

            // The walk's last step is the element holding start: its end is where the span's walk goes on.
            first = position;
            while ((position = NextBoundary(text, first)) <= start)
            {
                steps += position - first;
                first = position;
            }

            steps += position - first;
        }

        _lastStart = first;
        elements = 1;
        if (position < end)
        {
            // Most characters end where the next one is a certain boundary: asked here, not through a call per
            // character, and the walk's length and last element noted once at the end, not per element (a mask of
            // ㅅㅂㅅㅂ… walks every character).
            // The class of the character at position is carried over from the step before, one table load a step.
            var (from, last) = (position, position);
            if (end - position > LongRange && OneBlockRunEnd(text, position, end) - 1 is var runLast && runLast > position)
            {
                // All but the run's last character are elements of their own; the loop decides where that one ends.
                elements += runLast - position;
                position = runLast;
            }

            var classes = Classes;
            var current = classes[text[position]];
            do
            {
                last = position;
                elements++;
                if (position + 1 < text.Length)
                {
                    var following = classes[text[position + 1]];
                    if ((following & Class.Starts) != 0 && (current & Class.MayJoinNext) == 0)
                    {
                        (position, current) = (position + 1, following);
                        continue;
                    }
                }

                position = position + 1 < text.Length && IsCertainBoundary(text, position + 1) ? position + 1 : NextBoundary(text, position);
                current = position < text.Length ? classes[text[position]] : Class.None;
            }
            while (position < end);

            steps += position - from;
            _lastStart = last;
        }

        _floor = first;
        _lastEnd = position;
        if (steps > 0)
        {
            // Not when the span lies in the element the last walk ended with (ᄉᄇᄉᄇ…, one element, a hit per character).
            WorkMeter.Add(steps);
        }

        return (first, position);
    }

    /// <summary>
    /// <see cref="Expand"/> without the element count: a span whose two ends are certain boundaries is whole
    /// elements already, and nothing inside it need be walked (a detection per character, ㅅㅂㅅㅂ…, is mostly these).
    /// </summary>
    public (int Start, int End) Widen(int start, int end) =>
        IsWhole(text, start, end, _floor) ? TakeWhole(start, end) : WidenPart(start, end);

    /// <summary><see cref="Widen"/> for a span that is not whole elements as it stands (<see cref="IsWhole"/> is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Start, int End) WidenPart(int start, int end)
    {
        if (start >= _lastStart && end <= _lastEnd && start < _lastEnd)
        {
            // Inside the element the last walk ended with (ᄉᄇᄉᄇ… is one, and every hit lies in it): what Expand
            // would answer, without the call.
            _floor = _lastStart;
            return (_lastStart, _lastEnd);
        }

        return WidenPastMarks(start, end);
    }

    /// <summary>
    /// <see cref="Widen"/>'s first shortcut for a span followed by combining marks (시́발́: the element holding its last
    /// letter ends after them), else <see cref="Expand"/>. A call of its own, after the shortcuts: in
    /// <see cref="Widen"/>, which is inlined into loops over every hit, it cost texts without marks (ㅅㅂㅅㅂ…) ~10%.
    /// </summary>
    private (int Start, int End) WidenPastMarks(int start, int end) =>
        end > 0 && end < text.Length && StartsWhole(start) && MarksEnd(text, end - 1) is > 0 and var marksEnd
            ? TakeWhole(start, marksEnd)
            : Expand(start, end, out _);

    /// <summary>
    /// <see cref="Widen"/>'s first shortcut: whether [<paramref name="start"/>, <paramref name="end"/>) is whole
    /// elements from a start at or past <paramref name="floor"/>, which <see cref="Widen"/> returns as it is. Static,
    /// for a loop over thousands of spans that keeps the floor in a register and tells the cursor only when it must
    /// walk (<see cref="Skip"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhole(string text, int start, int end, int floor) =>
        StartsWhole(text, start, floor) && (end == text.Length || IsCertainBoundary(text, end));

    /// <summary>The floor: an element boundary at or before every start still to come.</summary>
    public readonly int Floor => _floor;

    /// <summary>What <see cref="Widen"/> leaves after a span from <paramref name="start"/> for which <see cref="IsWhole"/> held.</summary>
    public void Skip(int start) => TakeWhole(start, start);

    /// <summary>
    /// Whether every position in [<paramref name="start"/>, <paramref name="end"/>] is an element boundary because
    /// the characters around it, from the one before <paramref name="start"/> to the one at <paramref name="end"/>,
    /// are one run of a block of <see cref="OneBlockRunEnd"/>: then every span inside is whole elements as it
    /// stands, and <see cref="Widen"/> would return each as it is.
    /// </summary>
    public static bool IsOneBlockRun(string text, int start, int end)
    {
        var (from, to) = (Math.Max(0, start - 1), Math.Min(text.Length, end + 1));
        return from < to && OneBlockRunEnd(text, from, to) == to;
    }

    /// <summary>Past this many characters, <see cref="Expand"/> looks for a run of one block before walking.</summary>
    private const int LongRange = 8;

    /// <summary>
    /// Where the run of characters from the block of the one at <paramref name="position"/> ends, up to
    /// <paramref name="end"/>, for the blocks in which every character is an element of its own whatever precedes it
    /// in the block (printable ASCII, compatibility jamo, Han, syllables, full-width forms: no rule joins two of
    /// them), found with a vectorised search; <paramref name="position"/> itself for other characters. A mask of
    /// ㅅㅂㅅㅂ… is one range of 10,000 such characters, walked one at a time.
    /// </summary>
    private static int OneBlockRunEnd(string text, int position, int end)
    {
        var (low, high) = text[position] switch
        {
            >= ' ' and <= '~' => (' ', '~'),
            >= '\u3131' and <= '\u318E' => ('\u3131', '\u318E'),
            >= '\u4E00' and <= '\u9FFF' => ('\u4E00', '\u9FFF'),
            >= '\uAC00' and <= '\uD7A3' => ('\uAC00', '\uD7A3'),
            >= '\uFF01' and <= '\uFF5E' => ('\uFF01', '\uFF5E'),
            _ => ('\0', '\0'),
        };
        if (high == '\0')
        {
            return position;
        }

        var length = text.AsSpan(position, end - position).IndexOfAnyExceptInRange(low, high);
        return length < 0 ? end : position + length;
    }

    /// <summary>Whether <paramref name="start"/> is a certain boundary at or past the floor: at or before every start to come.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool StartsWhole(int start) => StartsWhole(text, start, _floor);

    /// <inheritdoc cref="StartsWhole(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsWhole(string text, int start, int floor) => start >= floor && (start == 0 || IsCertainBoundary(text, start));

    /// <summary>A span from a <see cref="StartsWhole"/> start to a certain boundary: whole elements, none straddling its start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Start, int End) TakeWhole(int start, int end)
    {
        (_floor, _lastStart, _lastEnd) = (start, start, start);
        return (start, end);
    }

    /// <summary>
    /// Where the combining diacritics (U+0300–U+036F) after the character at <paramref name="position"/> end, when
    /// that character carries them (<see cref="CarriesMarks"/>), at least one follows and a certain boundary follows
    /// them: the marks join it (GB9) and nothing else can. Otherwise 0.
    /// </summary>
    private static int MarksEnd(string text, int position)
    {
        if (!CarriesMarks(text[position]))
        {
            return 0;
        }

        var end = position + 1;
        while (end < text.Length && text[end] is >= '\u0300' and <= '\u036F')
        {
            end++;
        }

        return end > position + 1 && (end == text.Length || IsCertainBoundary(text, end)) ? end : 0;
    }

    /// <summary>
    /// Where the text element starting at <paramref name="position"/> ends. A character followed by a certain
    /// boundary is an element of its own, which spares the segmenter for almost every character.
    /// </summary>
    public static int NextBoundary(string text, int position)
    {
        if (position + 1 >= text.Length)
        {
            return text.Length;
        }

        if (IsCertainBoundary(text, position + 1))
        {
            return position + 1;
        }

        // A letter with combining diacritics (시́, é spelt e + U+0301). The segmenter costs ~20 ns per character; this,
        // a compare.
        if (MarksEnd(text, position) is > 0 and var marksEnd)
        {
            return marksEnd;
        }

        if (PrecedesSupplementaryStart(text, position))
        {
            return position + 1;
        }

        if (HangulBlockEnd(text, position) is > 0 and var hangulEnd)
        {
            return hangulEnd;
        }

        return position + Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(position)));
    }

    /// <summary>
    /// Whether the character at <paramref name="position"/>, one that nothing but a mark joins (<see cref="Class.Starts"/>
    /// and not <see cref="Class.MayJoinNext"/>: a letter, a syllable, a space), is followed by a supplementary character
    /// that does not join it (시발👍: the segmenter took ~25 ns to say so, twice per hit). Only an Extend or SpacingMark
    /// character could (GB9, GB9a): outside the BMP those are marks (Mn, Mc, Me), tags (Cf) and the skin-tone modifiers
    /// (Sk). Those, and unassigned and private-use code points, are left to the segmenter.
    /// </summary>
    private static bool PrecedesSupplementaryStart(string text, int position)
    {
        if (position + 2 >= text.Length || !char.IsSurrogatePair(text[position + 1], text[position + 2])
            || (Classes[text[position]] & (Class.Starts | Class.MayJoinNext)) != Class.Starts)
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[position + 1], text[position + 2])) is not (
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Control);
    }

    /// <summary>
    /// Where a run of conjoining jamo and syllables that the Hangul rules join (GB6–GB8: L × L V LV LVT, V/LV × V T,
    /// T/LVT × T) ends, when a certain boundary follows it; otherwise 0. <c>ᄉᄇᄉᄇ…</c> is one element however long,
    /// and the segmenter took ~10 ns a character to find its end, twice per request.
    /// </summary>
    private static int HangulBlockEnd(string text, int position)
    {
        var kind = JamoKind(text[position]);
        if (kind == Jamo.None)
        {
            return 0;
        }

        var end = position + 1;
        for (; end < text.Length; end++)
        {
            if (kind is Jamo.Leading or Jamo.Trailing)
            {
                // A run of leading or of trailing jamo joins whole (L × L, T × T): skipped with a vectorised search,
                // not a character at a time (ᄉᄇᄉᄇ… is one such run, walked twice per request).
                end = SameKindRunEnd(text, end, kind);
                if (end == text.Length)
                {
                    break;
                }
            }

            var next = JamoKind(text[end]);
            var joins = kind switch
            {
                Jamo.Leading => next is Jamo.Leading or Jamo.Vowel or Jamo.SyllableLV or Jamo.SyllableLVT,
                Jamo.Vowel or Jamo.SyllableLV => next is Jamo.Vowel or Jamo.Trailing,
                _ => next is Jamo.Trailing,
            };
            if (!joins)
            {
                break;
            }

            kind = next;
        }

        return end == text.Length || IsCertainBoundary(text, end) ? end : 0;
    }

    /// <summary>Where the run of <paramref name="kind"/> jamo of the main block (U+1100–U+115F leading, U+11A8–U+11FF trailing) starting at <paramref name="position"/> ends.</summary>
    private static int SameKindRunEnd(string text, int position, Jamo kind)
    {
        var (low, high) = kind == Jamo.Leading ? ('\u1100', '\u115F') : ('\u11A8', '\u11FF');
        var length = text.AsSpan(position).IndexOfAnyExceptInRange(low, high);
        return length < 0 ? text.Length : position + length;
    }

    private enum Jamo : byte
    {
        None,
        Leading,
        Vowel,
        Trailing,
        SyllableLV,
        SyllableLVT,
    }

    private static Jamo JamoKind(char c) => c switch
    {
        >= '\u1100' and <= '\u115F' or >= '\uA960' and <= '\uA97C' => Jamo.Leading,
        >= '\u1160' and <= '\u11A7' or >= '\uD7B0' and <= '\uD7C6' => Jamo.Vowel,
        >= '\u11A8' and <= '\u11FF' or >= '\uD7CB' and <= '\uD7FB' => Jamo.Trailing,
        >= '\uAC00' and <= '\uD7A3' => (c - '\uAC00') % 28 == 0 ? Jamo.SyllableLV : Jamo.SyllableLVT,
        _ => Jamo.None,
    };

    /// <summary>
    /// Characters that combining marks join and nothing else joins after them (no control, prepend, jamo or emoji):
    /// the same classes as <see cref="IsCertainBoundary"/>, looked at alone.
    /// </summary>
    private static bool CarriesMarks(char c) =>
        c is (>= ' ' and < '\u007F') or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3131' and <= '\u318E') or (>= '\uFF01' and <= '\uFF5E')
            or '\u00A0' or '\u3000' or (>= '\uAC00' and <= '\uD7A3');

    /// <summary>
    /// True where no grapheme rule can join the character to the one before: printable ASCII (other than a line
    /// feed after a carriage return), Han ideographs, compatibility jamo, full-width forms and the no-break and
    /// ideographic spaces, unless a prepended mark precedes. Hangul syllables qualify unless a leading jamo precedes
    /// (U+1100–U+115F or Extended-A U+A960–U+A97C).
    /// </summary>
    /// <remarks>
    /// Two table loads where the character before joins nothing; the rules in full only after one that may. Asked
    /// once or twice per detection and once per masked character, the chain of range compares cost ~2.5 ns a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCertainBoundary(string text, int position) =>
        (Classes[text[position]] & Class.Starts) != 0
            && ((Classes[text[position - 1]] & Class.MayJoinNext) == 0 || IsCertainBoundaryAfterJoiner(text, position));

    /// <summary><see cref="IsCertainBoundary"/> by its rules, for a character that follows one that may join it.</summary>
    private static bool IsCertainBoundaryAfterJoiner(ReadOnlySpan<char> text, int position)
    {
        var c = text[position];
        return c switch
        {
            '\n' => text[position - 1] != '\r',
            >= ' ' and < '\u007F' => !AfterPrepend(text, position),
            >= '\u4E00' and <= '\u9FFF' => !AfterPrepend(text, position),
            >= '\u3131' and <= '\u318E' or >= '\uFF01' and <= '\uFF5E' or '\u00A0' or '\u3000' => !AfterPrepend(text, position),
            >= '\uAC00' and <= '\uD7A3' => text[position - 1] is not ((>= '\u1100' and <= '\u115F') or (>= '\uA960' and <= '\uA97C'))
                && !AfterPrepend(text, position),
            _ => false,
        };
    }

    [Flags]
    private enum Class : byte
    {
        None = 0,

        /// <summary>A certain boundary unless what precedes joins it (the characters <see cref="IsCertainBoundaryAfterJoiner"/> accepts).</summary>
        Starts = 1,

        /// <summary>May join the character after it: a carriage return, a prepended mark, a low surrogate (of a supplementary one), a leading jamo.</summary>
        MayJoinNext = 2,
    }

    /// <summary>The <see cref="Class"/> of every UTF-16 unit (64 KB).</summary>
    private static readonly Class[] Classes = BuildClasses();

    /// <remarks>
    /// Read off the rules themselves: c starts an element after 'a', which joins nothing; c may join what follows
    /// when a line feed, a letter or a syllable (each standing for the characters the rules treat alike) is a
    /// boundary after 'a' but not after c. The probe starts with a high surrogate of the supplementary prepended
    /// marks, so that a low surrogate counts as one's second half.
    /// </remarks>
    private static Class[] BuildClasses()
    {
        var classes = new Class[char.MaxValue + 1];
        Span<char> probe = ['\uD804', 'a', 'a'];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            (probe[1], probe[2]) = ('a', (char)c);
            if (IsCertainBoundaryAfterJoiner(probe, 2))
            {
                classes[c] |= Class.Starts;
            }

            probe[1] = (char)c;
            foreach (var next in "\na가")
            {
                probe[2] = next;
                if (!IsCertainBoundaryAfterJoiner(probe, 2))
                {
                    classes[c] |= Class.MayJoinNext;
                }
            }
        }

        return classes;
    }

    /// <summary>
    /// Whether the character before <paramref name="position"/> may be a prepended concatenation mark (GB9b: U+0600
    /// ARABIC NUMBER SIGN and its kin join whatever follows, <c>\u0600a</c> is one element), BMP ones exactly and the
    /// supplementary ones (U+110BD, U+11A84, …) by their high surrogates.
    /// </summary>
    private static bool AfterPrepend(ReadOnlySpan<char> text, int position)
    {
        var previous = text[position - 1];
        return previous >= '\u0600'
            && (previous is <= '\u0605' or '\u06DD' or '\u070F' or '\u0890' or '\u0891' or '\u08E2' or '\u0D4E'
                || (char.IsLowSurrogate(previous) && position >= 2 && text[position - 2] is >= '\uD804' and <= '\uD807'));
    }
}
