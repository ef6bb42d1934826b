using System.ComponentModel.DataAnnotations;

namespace FilterApi.Events;

/// <summary>Section <c>Events</c>: how a request's events become durable (Redis, else the local journal) before it is answered.</summary>
internal sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Events waiting for the writer; beyond it new events are dropped and counted (never silently).</summary>
    [Range(1_000, 10_000_000)]
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>Entries sent to Redis in one pipelined batch (a request's events are never split between batches).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a batch waits for Redis before it is written to the journal instead (requests wait this long at most for Redis).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RedisWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where batches Redis did not take are kept until it does, relative to the content root; one folder per Redis.</summary>
    [Required]
    public string JournalDirectory { get; set; } = ".state/events";

    /// <summary>Journal size per replica; beyond it events are dropped and counted.</summary>
    [Range(1024, long.MaxValue)]
    public long JournalMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often journal files (this process's and those a stopped one left) are offered to Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(1);
}
