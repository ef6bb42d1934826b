using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Accepts jobs (persisting them first) and POSTs each result to its callback URL with exponential backoff.
/// Jobs left in the spool by a previous run are picked up again at start.
/// </summary>
/// <remarks>
/// A failed job waits for its next attempt outside the workers, so a dead receiver backing off for minutes
/// does not hold up delivery to the live ones. At most <see cref="CallbackOptions.QueueCapacity"/> jobs are
/// pending (queued, being delivered or waiting to retry); past that new callbacks are refused, not buffered.
/// </remarks>
internal sealed partial class CallbackDispatcher(
    CallbackSpool spool,
    IHttpClientFactory httpClientFactory,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "callbacks";

    private readonly CallbackOptions _settings = options.Value;
    private readonly Channel<Delivery> _queue = Channel.CreateBounded<Delivery>(options.Value.QueueCapacity);
    private int _pending;

    /// <summary>Persists the job, then queues it: when this returns true the job survives a restart.</summary>
    /// <returns>False, with nothing persisted, when <see cref="CallbackOptions.QueueCapacity"/> jobs are already pending.</returns>
    public async Task<bool> TryAcceptAsync(CallbackJob job, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _settings.QueueCapacity)
        {
            Interlocked.Decrement(ref _pending);
            return false;
        }

        try
        {
            await spool.SaveAsync(job, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }

        // Never waits: fewer jobs than the capacity are pending, so the queue has room.
        await _queue.Writer.WriteAsync(new Delivery(job, 1, _settings.InitialBackoff), CancellationToken.None);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read before the server starts listening, so no job accepted by this run is also found here.
        var resumed = spool.LoadPending().ToList();
        Interlocked.Add(ref _pending, resumed.Count);

        var workers = Enumerable.Range(0, _settings.MaxConcurrentDeliveries).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll([ResumeAsync(resumed, stoppingToken), .. workers]);
    }

    private async Task ResumeAsync(List<CallbackJob> jobs, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var job in jobs)
            {
                LogResumed(job.TrackingId);
                await _queue.Writer.WriteAsync(new Delivery(job, 1, _settings.InitialBackoff), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest stay in the spool for the next start.
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await AttemptAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered jobs stay in the spool for the next start.
        }
    }

    private async Task AttemptAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var (job, attempt, backoff) = delivery;
        string failure;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_settings.Timeout);
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(job.Url, job.Result, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                Finish(job, () => spool.Complete(job.TrackingId));
                LogDelivered(job.TrackingId, attempt);
                return;
            }

            failure = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Any failure, not only network ones, costs an attempt: a worker must never die on one bad job.
            failure = e.Message;
        }

        LogAttemptFailed(job.TrackingId, attempt, failure);
        if (attempt < _settings.MaxAttempts)
        {
            var next = backoff * 2 < _settings.MaxBackoff ? backoff * 2 : _settings.MaxBackoff;
            _ = RetryLaterAsync(new Delivery(job, attempt + 1, next), backoff, stoppingToken);
            return;
        }

        Finish(job, () => spool.GiveUp(job.TrackingId));
        LogGaveUp(job.TrackingId, attempt);
    }

    private async Task RetryLaterAsync(Delivery delivery, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            await _queue.Writer.WriteAsync(delivery, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the job stays in the spool for the next start.
        }
    }

    /// <summary>Removes a finished job from the spool and frees its place in the queue.</summary>
    private void Finish(CallbackJob job, Action removeFromSpool)
    {
        try
        {
            removeFromSpool();
        }
        catch (IOException e)
        {
            // The result went out (or was given up); a stale file only means one repeat after a restart.
            LogSpoolCleanupFailed(e, job.TrackingId);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>A job with the number and backoff of its next attempt (kept in memory: a restart starts over).</summary>
    private readonly record struct Delivery(CallbackJob Job, int Attempt, TimeSpan Backoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} resumed from the spool")]
    private partial void LogResumed(Guid trackingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} delivered on attempt {Attempt}")]
    private partial void LogDelivered(Guid trackingId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {TrackingId} attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(Guid trackingId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {TrackingId} given up after {Attempts} attempts; kept in the spool's dead folder")]
    private partial void LogGaveUp(Guid trackingId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {TrackingId} finished but its spool file could not be removed")]
    private partial void LogSpoolCleanupFailed(Exception exception, Guid trackingId);
}
