using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Events;

/// <summary>The Redis Streams the gateway writes (DESIGN.md, Events), and the field each entry carries its payload in.</summary>
public static class EventStreams
{
    public const string FilterLog = "filter-log";
    public const string BadwordLog = "badword-log";
    public const string AbuseLog = "abuse-log";
    public const string RevokeLog = "revoke-log";

    /// <summary>Entries LogConsumer could not process, with the error: visible to operators, never retried by themselves.</summary>
    public const string DeadLetter = "dead-letter";

    public const string PayloadField = "data";

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that produced the entry, so its processing can be linked to it.
    /// Optional: entries written before it existed, or outside any trace, have none.
    /// </summary>
    public const string TraceParentField = "traceparent";

    /// <summary>The <see cref="TraceParentField"/> value for the current activity, or null outside a W3C trace.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>Reads a <see cref="TraceParentField"/> value; false when it is absent or malformed.</summary>
    public static bool TryParseTraceParent(string? traceParent, out ActivityContext context) =>
        ActivityContext.TryParse(traceParent, null, out context);

    public static readonly IReadOnlyList<string> Consumed = [FilterLog, BadwordLog, AbuseLog, RevokeLog];
}

/// <summary>Every event has an id of its own, so a redelivered or re-sent entry is counted once.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RequestServed), "request")]
[JsonDerivedType(typeof(WordDetected), "badword")]
[JsonDerivedType(typeof(WordsDetected), "badwords")]
[JsonDerivedType(typeof(AbuseDetected), "abuse")]
[JsonDerivedType(typeof(KeyRevoked), "revoke")]
public abstract record GatewayEvent(Guid EventId, DateTime At)
{
    public abstract string Stream { get; }

    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Default.GatewayEvent);

    /// <returns>The event, or null when <paramref name="json"/> is not one (a poison entry).</returns>
    public static GatewayEvent? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, EventJson.Default.GatewayEvent);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary><c>filter-log</c>: one served request (no text: raw text is never stored).</summary>
/// <param name="Abusive">Something was detected.</param>
/// <param name="Lang">Language of the first detection, or <c>none</c>.</param>
/// <param name="Findings">What the LLM and personal-data tiers found, counted by name; absent where they did not run.</param>
public sealed record RequestServed(
    Guid EventId, DateTime At, Guid TrackingId, string KeyId, string Endpoint, string Mode, string Lang, bool Abusive, int Detections, double LatencyMs,
    IReadOnlyList<FindingCount>? Findings = null)
    : GatewayEvent(EventId, At)
{
    public override string Stream => EventStreams.FilterLog;
}

/// <summary>
/// <c>badword-log</c>: one detected lexicon entry. Written by FilterApi before it aggregated a request's words into
/// one <see cref="WordsDetected"/>; still read, so entries already in a stream count during a rolling upgrade.
/// </summary>
public sealed record WordDetected(Guid EventId, DateTime At, Guid TrackingId, string KeyId, string Word, string Lang, string Category, int Severity)
    : GatewayEvent(EventId, At)
{
    public override string Stream => EventStreams.BadwordLog;
}

/// <summary>
/// <c>badword-log</c>: every lexicon entry one request hit, each once with how often, so a text full of hits is one
/// stream entry, not one per hit.
/// </summary>
public sealed record WordsDetected(Guid EventId, DateTime At, Guid TrackingId, string KeyId, IReadOnlyList<DetectedWordCount> Words)
    : GatewayEvent(EventId, At)
{
    public override string Stream => EventStreams.BadwordLog;
}

/// <summary>A lexicon entry and how many times one request hit it.</summary>
public sealed record DetectedWordCount(string Word, string Lang, string Category, int Severity, int Count);

/// <summary>A finding of the LLM or personal-data tier, by name (never the value), and how often one request had it.</summary>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
public sealed record FindingCount(string Kind, string Name, int Count);

/// <summary>The kinds of <see cref="FindingCount"/>.</summary>
public static class FindingKinds
{
    /// <summary>The LLM judge's verdict: <c>safe</c>, <c>unsafe</c> or <c>unknown</c>.</summary>
    public const string LlmVerdict = "llm-verdict";

    /// <summary>A category the LLM judge named.</summary>
    public const string LlmCategory = "llm-category";

    /// <summary>A personal-data label, e.g. <c>PHONE_NUMBER</c>.</summary>
    public const string Pii = "pii";

    /// <summary>An action of the chat guard, named <c>direction:action[:label]</c>, e.g. <c>input:MASKING:PHONE_NUMBER</c>.</summary>
    public const string Guard = "guard";

    /// <summary>The <see cref="Guard"/> finding of one action on one side of a conversation, for one label or none.</summary>
    public static FindingCount GuardAction(string direction, string action, string? label, int count = 1) =>
        new(Guard, label is null ? $"{direction}:{action}" : $"{direction}:{action}:{label}", count);
}

/// <summary><c>abuse-log</c>: a request whose decision was abusive.</summary>
public sealed record AbuseDetected(Guid EventId, DateTime At, Guid TrackingId, string KeyId) : GatewayEvent(EventId, At)
{
    public override string Stream => EventStreams.AbuseLog;
}

/// <summary><c>revoke-log</c>: a key was revoked or expired (also published on the pub/sub channel of that name).</summary>
public sealed record KeyRevoked(Guid EventId, DateTime At, string KeyId, string KeyHash, string Reason) : GatewayEvent(EventId, At)
{
    public override string Stream => EventStreams.RevokeLog;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayEvent))]
internal sealed partial class EventJson : JsonSerializerContext;

/// <summary>Redis keys more than one service touches.</summary>
public static class SharedRedisKeys
{
    /// <summary>FilterApi's shared cache entry of a key (by the hex SHA-256 of the key): whoever changes a key deletes it before telling the replicas.</summary>
    public static string ApiKeyCache(string keyHashHex) => $"apikey:{keyHashHex}";
}
