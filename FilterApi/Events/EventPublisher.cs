using Moderation.Events;

namespace FilterApi.Events;

/// <summary>Where events go: Redis Streams (durable before a request is answered) or, without Redis, the log.</summary>
internal interface IEventPublisher
{
    /// <summary>
    /// Completes once the events are durable: in Redis, or in the local journal when Redis does not take them in time
    /// (<see cref="EventOptions.RedisWait"/>). A request awaits it before it answers, so nothing it counted lives only
    /// in memory. Events dropped because queue or journal is full are counted, and it completes all the same.
    /// </summary>
    Task PublishAsync(IReadOnlyList<GatewayEvent> events);

    /// <summary>Queues an event without waiting (for work outside a request); false when it was dropped (counted).</summary>
    bool TryPublish(GatewayEvent gatewayEvent);
}

/// <summary>Without Redis (FilterApi alone): events go to the log, as DESIGN.md's embedded default says.</summary>
internal sealed partial class LogEventPublisher(ILogger<LogEventPublisher> logger) : IEventPublisher
{
    public Task PublishAsync(IReadOnlyList<GatewayEvent> events)
    {
        foreach (var gatewayEvent in events)
        {
            TryPublish(gatewayEvent);
        }

        return Task.CompletedTask;
    }

    public bool TryPublish(GatewayEvent gatewayEvent)
    {
        LogEvent(logger, gatewayEvent.Stream, gatewayEvent);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Stream}: {Event}")]
    private static partial void LogEvent(ILogger logger, string stream, GatewayEvent @event);
}
