using System.Collections;

namespace Moderation.Engine;

/// <summary>
/// Detections in chunks that stay below the large-object heap's threshold (85,000 bytes). A text with a hit on every
/// character has thousands of detections; one array of them landed on the large-object heap, where allocating
/// (zeroed, fresh pages) and collecting it cost ~55 ns per detection, more than finding the hit (chunks: ~7 ns).
/// </summary>
internal sealed class DetectionList : IReadOnlyList<Detection>
{
    /// <summary>1,024 detections of 48 bytes: 48 KB per chunk.</summary>
    public const int ChunkShift = 10;

    private const int ChunkSize = 1 << ChunkShift;

    private readonly Detection[][] _chunks;

    public DetectionList(int count)
    {
        Count = count;
        _chunks = new Detection[(count + ChunkSize - 1) >> ChunkShift][];
        for (var k = 0; k < _chunks.Length; k++)
        {
            _chunks[k] = new Detection[Math.Min(ChunkSize, count - (k << ChunkShift))];
        }
    }

    public int Count { get; }

    public Detection this[int index] => (uint)index < (uint)Count
        ? _chunks[index >> ChunkShift][index & (ChunkSize - 1)]
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Where the detection at <paramref name="index"/> is written while the list is filled.</summary>
    public ref Detection At(int index) => ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];

    public IEnumerator<Detection> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var detection in chunk)
            {
                yield return detection;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
