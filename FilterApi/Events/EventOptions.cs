using System.ComponentModel.DataAnnotations;

namespace FilterApi.Events;

/// <summary>Section <c>Events</c>: the queue between requests and the Redis streams.</summary>
internal sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Events waiting for Redis; beyond it new events are dropped and counted (never silently).</summary>
    [Range(1_000, 10_000_000)]
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>Entries sent to Redis in one pipelined batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
