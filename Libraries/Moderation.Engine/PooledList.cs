using System.Buffers;
using System.Runtime.CompilerServices;

namespace Moderation.Engine;

/// <summary>
/// A list of structs on arrays rented from <see cref="ArrayPool{T}.Shared"/>, for the engine's per-scan scratch
/// (candidates, hits, allowlisted words). A text with a hit on every character has as many entries as characters;
/// a new <see cref="List{T}"/> per scan grew by copying into fresh arrays, on the large-object heap past ~4,000
/// hits, and that copying and collecting cost more than finding the hits (<c>ㅅㅂㅅㅂ…</c> in the adversarial
/// benchmark). Dispose returns the array; the list must not be used after that.
/// </summary>
internal sealed class PooledList<T>(int capacity = 16) : IDisposable
    where T : struct
{
    /// <summary>Empty until the first add: most scans find no allowlisted word, and a rent and return cost ~40 ns.</summary>
    private T[] _items = [];

    public int Count { get; private set; }

    public ref T this[int index] => ref _items[index];

    public Span<T> AsSpan() => _items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = item;
    }

    /// <summary>
    /// The array behind the list, with room for at least <paramref name="more"/> entries past <see cref="Count"/>: a
    /// loop that adds once per character writes there and calls <see cref="SetCount"/> when done, instead of an Add
    /// each (which reads and writes the count through the object).
    /// </summary>
    public T[] Reserve(int more)
    {
        if (Count + more > _items.Length)
        {
            Grow(Count + more);
        }

        return _items;
    }

    /// <summary>Takes the entries written into <see cref="Reserve"/>'s room up to <paramref name="count"/>.</summary>
    public void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _items.Length);
        Count = count;
    }

    /// <summary>Keeps the first <paramref name="count"/> entries.</summary>
    public void Truncate(int count) => Count = count;

    public void Dispose()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items);
        }

        _items = [];
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int atLeast = 0)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(atLeast, _items.Length == 0 ? Math.Max(1, capacity) : _items.Length * 2));
        if (_items.Length > 0)
        {
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<T>.Shared.Return(_items);
        }

        _items = larger;
    }
}
