namespace Moderation.Data;

/// <summary>
/// Requests of one key in one hour, per endpoint and mode: totals and a latency histogram. Written only by
/// LogConsumer, by adding a batch's counts in the transaction that records the batch's event ids.
/// </summary>
public sealed class RequestStats
{
    /// <summary>Upper bounds (ms) of the latency buckets; the last bucket has none.</summary>
    public static readonly double[] LatencyBoundsMs = [1, 5, 10, 25, 50, 100, 250, 500, 1000];

    public required string KeyId { get; set; }

    public DateTime Hour { get; set; }

    public required string Endpoint { get; set; }

    public required string Mode { get; set; }

    public long Requests { get; set; }

    public long Abusive { get; set; }

    public long Detections { get; set; }

    public double LatencySumMs { get; set; }

    public long Le1Ms { get; set; }

    public long Le5Ms { get; set; }

    public long Le10Ms { get; set; }

    public long Le25Ms { get; set; }

    public long Le50Ms { get; set; }

    public long Le100Ms { get; set; }

    public long Le250Ms { get; set; }

    public long Le500Ms { get; set; }

    public long Le1000Ms { get; set; }

    public long Over1000Ms { get; set; }
}

/// <summary>How often a lexicon word was detected on one day.</summary>
public sealed class WordStats
{
    public DateTime Day { get; set; }

    public required string Lang { get; set; }

    public required string Word { get; set; }

    public required string Category { get; set; }

    public long Count { get; set; }
}

/// <summary>Requests per language (of the first detection, or <c>none</c>) on one day.</summary>
public sealed class LanguageStats
{
    public DateTime Day { get; set; }

    public required string Lang { get; set; }

    public long Requests { get; set; }

    public long Abusive { get; set; }
}

/// <summary>
/// How often the deeper tiers found something on one day: LLM verdicts (kind <c>llm-verdict</c>: safe, unsafe,
/// unknown) and their categories (<c>llm-category</c>), personal-data labels (<c>pii</c>), the chat guard's actions
/// (<c>guard</c>: direction, action and label). Per key; counts only, never values.
/// </summary>
public sealed class FindingStats
{
    public DateTime Day { get; set; }

    public required string KeyId { get; set; }

    public required string Kind { get; set; }

    public required string Name { get; set; }

    public long Count { get; set; }
}

/// <summary>Abusive requests per key, all time (<c>abuse-log</c>); <c>api_keys.abuse_count</c> follows it.</summary>
public sealed class KeyAbuseStats
{
    public required string KeyId { get; set; }

    public long Count { get; set; }

    public DateTime LastAt { get; set; }
}

/// <summary>An event already counted: a redelivery of it changes nothing. Pruned once no redelivery can come.</summary>
public sealed class ProcessedEvent
{
    /// <summary>The event id's 16 bytes (RFC 4122 order).</summary>
    public required byte[] EventId { get; set; }

    public DateTime ProcessedAt { get; set; }
}
