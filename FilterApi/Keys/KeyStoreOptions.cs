using System.ComponentModel.DataAnnotations;

namespace FilterApi.Keys;

/// <summary>Section <c>Keys</c>: how long key records are cached and how often last use is written.</summary>
internal sealed class KeyStoreOptions
{
    public const string Section = "Keys";

    /// <summary>In-process cache lifetime. Changes reach every replica at once through pub/sub; this bounds staleness when a notice is missed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan LocalCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most keys the in-process cache holds, and separately most unknown keys; past that the least recently used go.</summary>
    [Range(100, 10_000_000)]
    public int LocalCacheCapacity { get; set; } = 100_000;

    /// <summary>How long a well-formed key the database does not know is answered as unknown without asking it again, in this process and in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan UnknownKeyCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redis cache lifetime.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SharedCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the last use of keys is written to MySQL, in one batch.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
