using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>
/// Makes a request's events durable before it is answered, by group commit: requests queue their events and wait;
/// one writer sends everything waiting as one pipelined batch (one Redis round trip shared by concurrent requests)
/// and releases them. A batch Redis does not take within <see cref="EventOptions.RedisWait"/> (at once while it is
/// disconnected) goes to the <see cref="EventJournal"/> on disk instead, which <see cref="JournalReplayer"/> replays
/// to Redis when it answers again, files of a killed process too. Only a full queue or journal drops events; each
/// drop is counted on <c>/metrics</c> and reported on <c>/health</c>. A resent entry may be in a stream twice:
/// LogConsumer counts each event id once. Streams are never trimmed here.
/// </summary>
internal sealed partial class RedisEventPublisher : BackgroundService, IEventPublisher, IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;
    private readonly EventJournal _journal;
    private readonly EventOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisEventPublisher> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Counter<long> _published;
    private readonly Counter<long> _journaled;
    private readonly Counter<long> _dropped;
    private long _queuedEvents;
    private long _droppedTotal;
    private DateTimeOffset _redisRetryAt = DateTimeOffset.MinValue;
    private volatile string? _failing;

    public RedisEventPublisher(
        IConnectionMultiplexer redis, EventJournal journal, IOptions<EventOptions> options, IMeterFactory meters, TimeProvider time,
        ILogger<RedisEventPublisher> logger)
    {
        _redis = redis;
        _journal = journal;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = meters.Create("Moderation.Events");
        _published = meter.CreateCounter<long>("moderation.events.published", description: "Events appended to their Redis stream by the request path");
        _journaled = meter.CreateCounter<long>("moderation.events.journaled", description: "Events written to the local journal because Redis did not take them in time");
        _dropped = meter.CreateCounter<long>("moderation.events.dropped", description: "Events dropped because the queue or the journal was full");
        meter.CreateObservableGauge("moderation.events.queued", () => Interlocked.Read(ref _queuedEvents), description: "Events waiting for the writer");
        meter.CreateObservableGauge("moderation.events.journal_bytes", () => _journal.Bytes, description: "Bytes of events in the journal, waiting for Redis");
    }

    public Task PublishAsync(IReadOnlyList<GatewayEvent> events)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The request's trace goes with the events, so LogConsumer's processing can be linked to it.
        var traceParent = EventStreams.CurrentTraceParent();
        var pending = new Pending([.. events.Select(e => EventEntry.Of(e, traceParent))], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return Enqueue(pending) ? pending.Durable!.Task : Task.CompletedTask;
    }

    public bool TryPublish(GatewayEvent gatewayEvent) => Enqueue(new Pending([EventEntry.Of(gatewayEvent, EventStreams.CurrentTraceParent())], null));

    private bool Enqueue(Pending pending)
    {
        var count = pending.Entries.Count;
        if (Interlocked.Add(ref _queuedEvents, count) <= _options.QueueCapacity && _queue.Writer.TryWrite(pending))
        {
            return true;
        }

        Interlocked.Add(ref _queuedEvents, -count);
        Drop(pending.Entries, $"the queue to Redis is full ({_options.QueueCapacity})");
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (Fill(batch))
                {
                    await CommitAsync(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down (the server has stopped taking requests): what is queued still goes to Redis or the journal.
        _queue.Writer.TryComplete();
        while (Fill(batch))
        {
            await CommitAsync(batch);
        }

        _journal.Seal();
    }

    /// <summary>Takes waiting requests, whole, until the batch holds <see cref="EventOptions.BatchSize"/> entries.</summary>
    private bool Fill(List<Pending> batch)
    {
        batch.Clear();
        var entries = 0;
        while (entries < _options.BatchSize && _queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
            entries += next.Entries.Count;
        }

        return batch.Count > 0;
    }

    /// <summary>Redis, or the journal when Redis does not take the batch in time; then the requests are released.</summary>
    private async Task CommitAsync(List<Pending> batch)
    {
        List<EventEntry> entries = [.. batch.SelectMany(p => p.Entries)];
        Interlocked.Add(ref _queuedEvents, -entries.Count);
        var error = "Redis is unreachable";
        if (_redis.IsConnected && _time.GetUtcNow() >= _redisRetryAt)
        {
            if ((error = await EventBatch.TrySendAsync(_redis, entries, _options.RedisWait)) is null)
            {
                _published.Add(entries.Count);
                if (_failing is not null)
                {
                    _failing = null;
                    LogRecovered(_logger);
                }

                Release(batch);
                return;
            }

            // Slow or failing: the next batches go to the journal without waiting, until the next try.
            _redisRetryAt = _time.GetUtcNow() + _options.ReplayInterval;
        }

        if (_failing is null)
        {
            _failing = error;
            LogJournaling(_logger, error, _journal.Directory);
        }

        try
        {
            if (_journal.TryAppend(entries))
            {
                _journaled.Add(entries.Count);
            }
            else
            {
                Drop(entries, $"the journal is full ({_options.JournalMaxBytes} bytes)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Drop(entries, $"the journal cannot be written: {e.Message}");
        }

        Release(batch);
    }

    private static void Release(List<Pending> batch)
    {
        foreach (var pending in batch)
        {
            pending.Durable?.TrySetResult();
        }
    }

    private void Drop(IReadOnlyList<EventEntry> entries, string reason)
    {
        foreach (var stream in entries.GroupBy(e => e.Stream))
        {
            _dropped.Add(stream.Count(), new KeyValuePair<string, object?>("stream", stream.Key));
        }

        if (Interlocked.Add(ref _droppedTotal, entries.Count) == entries.Count)
        {
            LogFirstDrop(_logger, reason);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dropped = Interlocked.Read(ref _droppedTotal);
        var journal = _journal.Bytes;
        var data = new Dictionary<string, object> { ["queued"] = Interlocked.Read(ref _queuedEvents), ["dropped"] = dropped, ["journalBytes"] = journal };
        if (dropped > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{dropped} events dropped since start: the queue or the journal was full", data: data));
        }

        return Task.FromResult(_failing is { } failing
            ? HealthCheckResult.Degraded($"events go to the journal ({failing})", data: data)
            : journal > 0
                ? HealthCheckResult.Degraded($"{journal} bytes of journaled events wait to be replayed to Redis", data: data)
                : HealthCheckResult.Healthy("events flow to Redis", data));
    }

    public override void Dispose()
    {
        _journal.Dispose();
        base.Dispose();
    }

    /// <summary>One request's entries; <see cref="Durable"/> completes once they are in Redis or the journal (null: nobody waits).</summary>
    private sealed record Pending(IReadOnlyList<EventEntry> Entries, TaskCompletionSource? Durable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Events are being dropped and counted (moderation.events.dropped): {Reason}")]
    private static partial void LogFirstDrop(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not take events ({Error}): they go to the journal in {Directory} until it does")]
    private static partial void LogJournaling(ILogger logger, string error, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events flow to Redis again")]
    private static partial void LogRecovered(ILogger logger);
}
