namespace FilterApi.Keys;

/// <summary>
/// A bounded map with expiry for one process: when full, it forgets the entry used longest ago, so a flood of new
/// entries pushes out only what nobody used meanwhile, never everything at once.
/// </summary>
/// <remarks>One lock around a dictionary and a list: held for a few dozen nanoseconds per request.</remarks>
internal sealed class LruCache<TValue>(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Item>> _items = new(StringComparer.Ordinal);
    private readonly LinkedList<Item> _order = new(); // most recently used first

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Finds an unexpired entry and marks it used; an expired one is dropped.</summary>
    public bool TryGet(string key, long now, out TValue value)
    {
        lock (_gate)
        {
            if (_items.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > now)
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                _order.Remove(node);
                _items.Remove(key);
            }
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value, long expiresAt)
    {
        lock (_gate)
        {
            if (_items.TryGetValue(key, out var node))
            {
                _order.Remove(node);
            }
            else if (_items.Count >= capacity && _order.Last is { } leastRecent)
            {
                _order.RemoveLast();
                _items.Remove(leastRecent.Value.Key);
            }

            _items[key] = _order.AddFirst(new Item(key, value, expiresAt));
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_items.Remove(key, out var node))
            {
                _order.Remove(node);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
            _order.Clear();
        }
    }

    private sealed record Item(string Key, TValue Value, long ExpiresAt);
}
