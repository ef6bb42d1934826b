using FilterApi.Keys;

namespace FilterApi.Tests;

/// <summary>The in-process key caches: bounded, and a flood of new entries never empties them.</summary>
public class LruCacheTests
{
    [Fact]
    public void AFloodOfNewCacheEntriesPushesOutOnlyTheLeastRecentlyUsed()
    {
        var cache = new LruCache<string>(capacity: 3);
        cache.Set("good", "key", expiresAt: 100);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(cache.TryGet("good", now: 1, out _));
            cache.Set($"made-up-{i}", "unknown", expiresAt: 100);
        }

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("good", now: 1, out var value));
        Assert.Equal("key", value);
        Assert.False(cache.TryGet("good", now: 100, out _)); // expired
    }
}
