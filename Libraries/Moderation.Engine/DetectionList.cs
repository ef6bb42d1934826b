using System.Collections;
using System.Runtime.CompilerServices;
using Moderation.Engine.Lexicons;

namespace Moderation.Engine;

/// <summary>
/// Many detections (a text with a hit on every character has thousands), stored as 16 bytes each in chunks below
/// the large-object heap's threshold, each <see cref="Detection"/> built when read. One array of 10,000 detections
/// (48 bytes each, four references) landed on the large-object heap, where allocating it (zeroed, fresh pages) and
/// collecting it cost ~55 ns per detection, more than finding the hit; chunks of detections still cost a write
/// barrier per reference and collections of 480 KB per request. Everything a detection says is decided when the
/// list is filled; reading one is a few loads.
/// </summary>
internal sealed class DetectionList : IReadOnlyList<Detection>
{
    /// <summary>4,096 entries of 16 bytes: 64 KB per chunk.</summary>
    private const int ChunkShift = 12;

    private const int ChunkSize = 1 << ChunkShift;

    private readonly Entry[][] _chunks;
    private readonly string _text;
    private readonly LexiconEntry[] _entries;

    public DetectionList(int count, string text, LexiconEntry[] entries)
    {
        Count = count;
        _text = text;
        _entries = entries;
        _chunks = new Entry[(count + ChunkSize - 1) >> ChunkShift][];
        for (var k = 0; k < _chunks.Length; k++)
        {
            // Every entry is set before the list is handed out; zeroing them first (memset) was ~5% of a profile of
            // ㅅㅂㅅㅂ….
            _chunks[k] = GC.AllocateUninitializedArray<Entry>(Math.Min(ChunkSize, count - (k << ChunkShift)));
        }
    }

    public int Count { get; }

    /// <summary>The quotes that <see cref="QuoteCache"/> numbers for this list.</summary>
    public List<string> Quotes { get; } = [];

    public Detection this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var entry = _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
            var lexiconEntry = _entries[entry.Source];
            var quote = QuoteCache.Text(entry.Quote, lexiconEntry.Term, _text, Quotes);
            return new Detection(entry.Start, entry.Length, lexiconEntry.Term, quote, lexiconEntry.Lang, lexiconEntry.Category, lexiconEntry.Severity);
        }
    }

    /// <summary>Where the detection at <paramref name="index"/> lies, without building it (what a mask needs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Start, int Length) SpanAt(int index)
    {
        ref readonly var entry = ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        return (entry.Start, entry.Length);
    }

    /// <summary>
    /// Set when the detections make one range of <see cref="Text"/> (each starts where the range so far ends, or
    /// before): all that <see cref="SpanMerger"/> would make of them, known without reading them again.
    /// </summary>
    public (int Start, int End)? Union { get; set; }

    /// <summary>The text the detections were found in.</summary>
    public string Text => _text;

    /// <summary>The spans of the detections, for a mask: what <see cref="SpanMerger"/> makes of them.</summary>
    public int CollectSpans(int textLength, (int Start, int End)[] spans, out bool ordered)
    {
        var merger = new SpanMerger(spans);
        foreach (var chunk in _chunks)
        {
            foreach (ref readonly var entry in chunk.AsSpan())
            {
                merger.Add(entry.Start, entry.Length, textLength);
            }
        }

        ordered = merger.Ordered;
        return merger.Count;
    }

    /// <summary>The chunks to fill, in order, each entry before the list is read; a quote is a number from a <see cref="QuoteCache"/> over <see cref="Quotes"/>.</summary>
    /// <remarks>Filled a chunk at a time, not through an index per detection: the loop runs once per character of <c>ㅅㅂㅅㅂ…</c>.</remarks>
    public Entry[][] Chunks => _chunks;

    public IEnumerator<Detection> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal readonly record struct Entry(int Start, int Length, int Source, int Quote);
}

/// <summary>
/// Whether spans taken in order of their start make one range, each starting where the range so far ends or before,
/// as a mask merges them (<see cref="DetectionList.Union"/>).
/// </summary>
internal struct SpanUnion()
{
    private int _start;
    private int _end = -1;
    private bool _connected = true;

    /// <summary>The one range, or null when the spans leave a gap (or there are none).</summary>
    public readonly (int Start, int End)? Range => _connected && _end >= 0 ? (_start, _end) : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int start, int end)
    {
        if (start <= _end)
        {
            _end = Math.Max(_end, end);
        }
        else
        {
            (_start, _end, _connected) = (start, end, _end < 0);
        }
    }
}

/// <summary>
/// Writes the compact list's entries in order: the quote when the text alone tells it (<see cref="QuoteCache.Known"/>,
/// else <see cref="QuoteCache.Unknown"/>, given after the loop), and the union the spans make. A struct whose calls
/// are inlined, so the loops that write once per hit keep it in registers.
/// </summary>
internal struct EntryWriter(string text, ShortTerm[] shortTerms)
{
    private SpanUnion _union = new();

    /// <summary>Whether an entry was written with <see cref="QuoteCache.Unknown"/>.</summary>
    public bool QuotesLeft { get; private set; }

    public readonly (int Start, int End)? Union => _union.Range;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ref DetectionList.Entry slot, int start, int end, int source)
    {
        var quote = QuoteCache.Known(text, start, end, shortTerms[source]);
        QuotesLeft |= quote == QuoteCache.Unknown;
        slot = new DetectionList.Entry(start, end - start, source, quote);
        _union.Add(start, end);
    }
}
