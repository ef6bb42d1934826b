using System.ComponentModel.DataAnnotations;

namespace LogConsumer.Consuming;

/// <summary>Section <c>Consumer</c>.</summary>
internal sealed class ConsumerOptions
{
    public const string Section = "Consumer";

    /// <summary>Entries read per stream per batch; one database transaction per batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Pause when the streams are empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long an entry stays pending with a consumer before another one takes it over (a crashed consumer's work).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often pending entries of other consumers are looked at.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often acknowledged entries are trimmed from the streams and old event ids pruned (when idle).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long processed event ids are kept to recognise a redelivery.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(7);
}
