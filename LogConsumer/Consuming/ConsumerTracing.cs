using System.Diagnostics;
using Moderation.Events;
using StackExchange.Redis;

namespace LogConsumer.Consuming;

/// <summary>
/// The span of each batch the consumer processes. A batch mixes entries of many requests, so, as OpenTelemetry's
/// messaging conventions ask for batches, it links to the trace of each (the <c>traceparent</c> FilterApi puts in
/// the entry) instead of having one parent. Entries without that field, written before it existed, get no link.
/// </summary>
internal static class ConsumerTracing
{
    /// <summary>Registered in tracing by ServiceDefaults, which adds every <c>Moderation.*</c> source.</summary>
    public const string SourceName = "Moderation.Consumer";

    public const string ProcessActivityName = "statistics process";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartProcessing(IReadOnlyCollection<(string Stream, StreamEntry Entry)> batch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        var linked = new HashSet<ActivityContext>(); // a request's entries in several streams share its context
        foreach (var (_, entry) in batch)
        {
            if (EventStreams.TryParseTraceParent(entry[EventStreams.TraceParentField], out var context) && linked.Add(context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        return Source.StartActivity(ProcessActivityName, ActivityKind.Consumer, parentContext: default, tags:
        [
            new("messaging.system", "redis"),
            new("messaging.operation.type", "process"),
            new("messaging.consumer.group.name", ConsumerGroup.Name),
            new("messaging.batch.message_count", batch.Count),
        ], links: links);
    }
}
