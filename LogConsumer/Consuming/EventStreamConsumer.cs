using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Moderation.Data;
using Moderation.Events;
using MySqlConnector;
using StackExchange.Redis;

namespace LogConsumer.Consuming;

/// <summary>
/// Reads the event streams as one member of the <c>statistics</c> consumer group and adds each batch to MySQL in
/// one transaction, acknowledging the entries only after it commits. Entries left pending by a consumer that
/// died are claimed after <see cref="ConsumerOptions.ClaimIdleTime"/>; a malformed entry, or one whose values MySQL
/// refuses as data, goes to the <c>dead-letter</c> stream with the error (<see cref="EntryFaults"/>). Every other
/// failure, a database that is down, read-only, full or locked, is waited out (nothing is acknowledged meanwhile). On
/// shutdown the batch in hand is finished first.
/// </summary>
internal sealed partial class EventStreamConsumer(
    ConsumerGroup group,
    IDbContextFactory<FilterDbContext> databases,
    StatisticsWriter writer,
    IOptions<ConsumerOptions> options,
    IMeterFactory meters,
    TimeProvider time,
    ILogger<EventStreamConsumer> logger) : BackgroundService, IHealthCheck
{
    private readonly Counter<long> _counted = meters.Create("Moderation.Consumer").CreateCounter<long>("moderation.consumer.events", description: "Events counted in MySQL");
    private volatile string? _problem = "starting";
    private DateTimeOffset _lastReclaim = DateTimeOffset.MinValue;
    private DateTimeOffset _lastHousekeeping = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PrepareAsync(stoppingToken);
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<(string Stream, StreamEntry Entry)> batch;
            try
            {
                batch = await NextBatchAsync(settings);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Problem($"Redis: {e.Message}", e);
                await DelayAsync(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            if (batch.Count == 0)
            {
                _problem = null;
                await HousekeepAsync(settings, stoppingToken);
                await DelayAsync(settings.PollInterval, stoppingToken);
                continue;
            }

            // Not cancelled by shutdown: the batch in hand is finished (or, if MySQL is down, left pending for another consumer).
            await ProcessAsync(batch, stoppingToken);
        }
    }

    /// <summary>Waits for the schema (FilterApi migrates it) and creates the consumer group on every stream.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                // FilterApi owns the schema: wait until it has applied every migration this build knows.
                await using (var db = await databases.CreateDbContextAsync(stoppingToken))
                {
                    if ((await db.Database.GetPendingMigrationsAsync(stoppingToken)).Any())
                    {
                        throw new InvalidOperationException("filterdb has pending migrations; FilterApi applies them at start-up");
                    }
                }

                await group.EnsureAsync();
                LogReady(logger, group.Consumer);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                Problem($"preparing: {e.Message}", e);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
            }
        }
    }

    /// <summary>Entries a dead consumer left pending (every <see cref="ConsumerOptions.ReclaimInterval"/>), else new ones.</summary>
    private async Task<List<(string Stream, StreamEntry Entry)>> NextBatchAsync(ConsumerOptions settings)
    {
        if (time.GetUtcNow() - _lastReclaim >= settings.ReclaimInterval)
        {
            _lastReclaim = time.GetUtcNow();
            var claimed = await group.ClaimAsync(settings.ClaimIdleTime, settings.BatchSize);
            if (claimed.Count > 0)
            {
                LogReclaimed(logger, claimed.Count);
                return claimed;
            }
        }

        return await group.ReadNewAsync(settings.BatchSize);
    }

    private async Task ProcessAsync(List<(string Stream, StreamEntry Entry)> batch, CancellationToken stoppingToken)
    {
        using var activity = ConsumerTracing.StartProcessing(batch);
        var events = new List<(string Stream, StreamEntry Entry, GatewayEvent Event)>();
        foreach (var (stream, entry) in batch)
        {
            if (GatewayEvent.FromJson(entry[EventStreams.PayloadField]) is { } parsed && EntryFaults.IsWellFormed(parsed))
            {
                events.Add((stream, entry, parsed));
            }
            else
            {
                await group.DeadLetterAsync(stream, entry, "malformed payload: not a gateway event");
            }
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var fresh = await writer.WriteAsync([.. events.Select(e => e.Event)], CancellationToken.None);
                _counted.Add(fresh);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!EntryFaults.IsDataError(e))
                {
                    Problem($"MySQL: {e.Message}", e);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        return; // left pending: another consumer, or this one restarted, claims it
                    }

                    await DelayAsync(delay, stoppingToken);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
                    continue;
                }

                // Refused for what some entry holds: find which, one at a time, and set it aside, so one bad entry
                // never stops the pipeline.
                LogIsolating(logger, e, events.Count);
                events = await IsolateAsync(events);
                break;
            }
        }

        await group.AcknowledgeAsync(events.Select(e => (e.Stream, e.Entry.Id)), e => Problem($"Redis: {e.Message}", e));
        _problem = null;
    }

    private async Task<List<(string Stream, StreamEntry Entry, GatewayEvent Event)>> IsolateAsync(List<(string Stream, StreamEntry Entry, GatewayEvent Event)> events)
    {
        var written = new List<(string, StreamEntry, GatewayEvent)>();
        foreach (var item in events)
        {
            while (true)
            {
                try
                {
                    _counted.Add(await writer.WriteAsync([item.Event], CancellationToken.None));
                    written.Add(item);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (EntryFaults.IsDataError(e))
                    {
                        await group.DeadLetterAsync(item.Stream, item.Entry, $"not counted: {e.GetType().Name}: {e.Message}");
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1)); // the database, not the entry: wait and try it again
                }
            }
        }

        return written;
    }

    /// <summary>Trims what the group has acknowledged (never an entry still pending or unread) and prunes old event ids.</summary>
    private async Task HousekeepAsync(ConsumerOptions settings, CancellationToken stoppingToken)
    {
        if (time.GetUtcNow() - _lastHousekeeping < settings.HousekeepingInterval)
        {
            return;
        }

        _lastHousekeeping = time.GetUtcNow();
        try
        {
            await group.TrimAcknowledgedAsync();
            await writer.PruneAsync(settings.DeduplicationWindow, stoppingToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or MySqlException)
        {
            LogHousekeepingFailed(logger, e);
        }
    }

    private void Problem(string problem, Exception e)
    {
        if (_problem != problem)
        {
            LogProblem(logger, e, problem);
        }

        _problem = problem;
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem switch
        {
            null => HealthCheckResult.Healthy($"consuming as {group.Consumer}"),
            "starting" => HealthCheckResult.Unhealthy("starting: schema and consumer group"),
            var problem => HealthCheckResult.Degraded($"retrying: {problem}"),
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming the event streams as {Consumer}")]
    private static partial void LogReady(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} entries a stopped consumer left pending")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}; the batch waits and is retried, nothing is acknowledged")]
    private static partial void LogProblem(ILogger logger, Exception error, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} could not be counted; writing its events one by one")]
    private static partial void LogIsolating(ILogger logger, Exception error, int count);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream trimming or pruning failed; trying again later")]
    private static partial void LogHousekeepingFailed(ILogger logger, Exception error);
}
