using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>Takes events off the request path; <see cref="TryPublish"/> never waits.</summary>
internal interface IEventPublisher
{
    /// <returns>False when the event was dropped because the queue is full (counted).</returns>
    bool TryPublish(GatewayEvent gatewayEvent);
}

/// <summary>Without Redis (FilterApi alone): events go to the log, as DESIGN.md's embedded default says.</summary>
internal sealed partial class LogEventPublisher(ILogger<LogEventPublisher> logger) : IEventPublisher
{
    public bool TryPublish(GatewayEvent gatewayEvent)
    {
        LogEvent(logger, gatewayEvent.Stream, gatewayEvent);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Stream}: {Event}")]
    private static partial void LogEvent(ILogger logger, string stream, GatewayEvent @event);
}

/// <summary>
/// Appends events to their Redis streams from a bounded queue, in pipelined batches, off the request path.
/// While Redis is unreachable the batch in hand is retried and new events wait in the queue; only when the
/// queue is full are events dropped, and each drop is counted on <c>/metrics</c> and reported on <c>/health</c>.
/// A batch resent after an unclear failure may add an entry twice: LogConsumer counts each event id once.
/// Streams are never trimmed here; LogConsumer trims only what its group has acknowledged.
/// </summary>
internal sealed partial class RedisEventPublisher : BackgroundService, IEventPublisher, IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;
    private readonly EventOptions _options;
    private readonly ILogger<RedisEventPublisher> _logger;
    private readonly Channel<QueuedEvent> _queue;
    private readonly Counter<long> _published;
    private readonly Counter<long> _dropped;
    private long _droppedTotal;
    private volatile string? _failing;

    public RedisEventPublisher(IConnectionMultiplexer redis, IOptions<EventOptions> options, IMeterFactory meters, ILogger<RedisEventPublisher> logger)
    {
        _redis = redis;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the request never blocks
            SingleReader = true,
        });
        var meter = meters.Create("Moderation.Events");
        _published = meter.CreateCounter<long>("moderation.events.published", description: "Events appended to their Redis stream");
        _dropped = meter.CreateCounter<long>("moderation.events.dropped", description: "Events dropped because the queue to Redis was full");
        meter.CreateObservableGauge("moderation.events.queued", () => _queue.Reader.Count, description: "Events waiting for Redis");
    }

    public bool TryPublish(GatewayEvent gatewayEvent)
    {
        // The request's trace goes with the event, so LogConsumer's processing can be linked to it.
        if (_queue.Writer.TryWrite(new QueuedEvent(gatewayEvent, EventStreams.CurrentTraceParent())))
        {
            return true;
        }

        _dropped.Add(1, new KeyValuePair<string, object?>("stream", gatewayEvent.Stream));
        if (Interlocked.Increment(ref _droppedTotal) == 1)
        {
            LogFirstDrop(_logger, _options.QueueCapacity);
        }

        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedEvent>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Fill(batch);
                await SendUntilDoneAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: what is queued still goes out if Redis takes it within a few seconds.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            do
            {
                Fill(batch);
                await SendUntilDoneAsync(batch, deadline.Token);
            }
            while (batch.Count == 0 && _queue.Reader.Count > 0);
        }
        catch (OperationCanceledException)
        {
            LogLostOnShutdown(_logger, batch.Count + _queue.Reader.Count);
        }
    }

    private void Fill(List<QueuedEvent> batch)
    {
        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }
    }

    /// <summary>Sends the batch, pipelined; keeps what failed and retries it with backoff until Redis takes it.</summary>
    private async Task SendUntilDoneAsync(List<QueuedEvent> batch, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (batch.Count > 0)
        {
            var db = _redis.GetDatabase();
            var sends = batch.Select(e => (Event: e, Task: db.StreamAddAsync(e.Event.Stream, e.ToEntry()))).ToList();
            try
            {
                await Task.WhenAll(sends.Select(s => s.Task));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Handled below, per entry.
            }

            batch.Clear();
            batch.AddRange(sends.Where(s => !s.Task.IsCompletedSuccessfully).Select(s => s.Event));
            _published.Add(sends.Count - batch.Count);
            if (batch.Count == 0)
            {
                if (_failing is not null)
                {
                    _failing = null;
                    LogRecovered(_logger);
                }

                return;
            }

            if (_failing is null)
            {
                _failing = sends.First(s => !s.Task.IsCompletedSuccessfully).Task.Exception?.InnerException?.Message ?? "unknown error";
                LogRetrying(_logger, batch.Count, _failing);
            }

            await Task.Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5_000));
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dropped = Interlocked.Read(ref _droppedTotal);
        var data = new Dictionary<string, object> { ["queued"] = _queue.Reader.Count, ["dropped"] = dropped };
        if (dropped > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{dropped} events dropped since start: the queue to Redis was full", data: data));
        }

        return Task.FromResult(_failing is { } failing
            ? HealthCheckResult.Degraded($"events wait for Redis ({failing})", data: data)
            : HealthCheckResult.Healthy("events flow to Redis", data));
    }

    /// <summary>An event waiting for Redis, with the trace of the request that produced it.</summary>
    private readonly record struct QueuedEvent(GatewayEvent Event, string? TraceParent)
    {
        public NameValueEntry[] ToEntry()
        {
            NameValueEntry[] fields = [new("eventId", Event.EventId.ToString("N")), new(EventStreams.PayloadField, Event.ToJson())];
            return TraceParent is null ? fields : [.. fields, new(EventStreams.TraceParentField, TraceParent)];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The event queue is full ({Capacity}): events are being dropped and counted (moderation.events.dropped)")]
    private static partial void LogFirstDrop(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} events wait for Redis: {Error}; retrying")]
    private static partial void LogRetrying(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events flow to Redis again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutting down with {Count} events Redis did not take")]
    private static partial void LogLostOnShutdown(ILogger logger, int count);
}
