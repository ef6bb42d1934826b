using System.Buffers;

namespace Moderation.Engine.Matching;

/// <summary>
/// For each record from the first allowlisted word's start to the furthest word end, the furthest record that the
/// words starting at or before it reach: whether a range lies inside an allowlisted word is one array load, where a
/// binary search over the words per hit cost log n on every syllable of <c>시발점시발점…</c>. Built in time linear
/// in the words and the records they span, without sorting them. Dispose returns the rented array.
/// </summary>
internal readonly ref struct AllowlistReach
{
    private readonly int[] _reach;
    private readonly int _from;
    private readonly int _length;

    public AllowlistReach(ReadOnlySpan<Hit> words)
    {
        var (from, to) = (int.MaxValue, -1);
        foreach (var word in words)
        {
            from = Math.Min(from, word.First);
            to = Math.Max(to, word.Last);
        }

        (_from, _length) = (from, to - from + 1);
        _reach = ArrayPool<int>.Shared.Rent(_length);
        var reach = _reach.AsSpan(0, _length);
        reach.Fill(-1);
        foreach (var word in words)
        {
            ref var slot = ref reach[word.First - from];
            slot = Math.Max(slot, word.Last);
        }

        for (var r = 1; r < reach.Length; r++)
        {
            reach[r] = Math.Max(reach[r], reach[r - 1]);
        }

        WorkMeter.Add(words.Length + _length);
    }

    /// <summary>The first record any word covers.</summary>
    public int From => _from;

    /// <summary>The last record any word covers.</summary>
    public int To => _from + _length - 1;

    /// <summary>The furthest record reached by a word starting at or before <paramref name="record"/>, or -1.</summary>
    public int ReachAt(int record) => record < _from ? -1 : _reach[Math.Min(record, To) - _from];

    /// <summary>Whether one word covers every record from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public bool Covers(int first, int last) => ReachAt(first) >= last;

    /// <summary>
    /// The next range of records from <paramref name="record"/> on that words cover, overlapping words as one range
    /// (words that only touch stay apart, so what stands between them is kept). Ranges come in order, each record
    /// looked at once over all calls.
    /// </summary>
    public bool NextRange(int record, out int first, out int last)
    {
        var from = record = Math.Max(record, _from);
        while (record <= To && ReachAt(record) < record)
        {
            record++;
        }

        (first, last) = (record, record);
        if (record > To)
        {
            WorkMeter.Add(record - from);
            return false;
        }

        // A word starting at or before last that reaches last + 1 carries the range on.
        while (last < To && ReachAt(last) > last)
        {
            last++;
        }

        WorkMeter.Add(last + 1 - from);
        return true;
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(_reach);
}
