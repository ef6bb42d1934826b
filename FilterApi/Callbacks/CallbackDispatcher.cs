using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using FilterApi.Auth;
using FilterApi.Filtering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Accepts jobs (persisting them first) and POSTs each result to its callback URL with exponential backoff.
/// Jobs left in the spool by a previous run are picked up again at start.
/// </summary>
/// <remarks>
/// A failed job waits for its next attempt outside the workers, so a dead receiver backing off for minutes
/// does not hold up delivery to the live ones. At most <see cref="CallbackOptions.QueueCapacity"/> jobs are
/// pending (queued, being delivered or waiting to retry), at most <see cref="CallbackOptions.MaxPendingPerKey"/>
/// per key and <see cref="CallbackOptions.MaxSpoolBytes"/> on disk; past that new callbacks are refused, not buffered.
/// A receiver's answer is judged by its status line alone: its body is never read.
/// </remarks>
internal sealed partial class CallbackDispatcher(
    CallbackSpool spool,
    IHttpClientFactory httpClientFactory,
    IDataProtectionProvider dataProtection,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "callbacks";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CallbackOptions _settings = options.Value;
    private readonly Channel<Delivery> _queue = Channel.CreateBounded<Delivery>(options.Value.QueueCapacity);
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Moderation.Callbacks.v1");
    private readonly ConcurrentDictionary<string, int> _pendingPerKey = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>Persists the job, encrypted, then queues it: when this answers Accepted the job survives a restart.</summary>
    /// <returns>Which limit refused the job, with nothing persisted, when one did.</returns>
    public async Task<CallbackAcceptance> TryAcceptAsync(Guid trackingId, Uri url, FilterResponse result, ApiKey key, CancellationToken cancellationToken)
    {
        if (spool.PendingBytes >= _settings.MaxSpoolBytes)
        {
            return CallbackAcceptance.SpoolFull;
        }

        if (_pendingPerKey.AddOrUpdate(key.Id, 1, (_, count) => count + 1) > _settings.MaxPendingPerKey)
        {
            Release(key.Id);
            return CallbackAcceptance.KeyQuotaFull;
        }

        if (Interlocked.Increment(ref _pending) > _settings.QueueCapacity)
        {
            Interlocked.Decrement(ref _pending);
            Release(key.Id);
            return CallbackAcceptance.QueueFull;
        }

        var job = new CallbackJob(
            trackingId,
            url,
            Convert.ToBase64String(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(result, Json))),
            key.Id,
            key.SigningKey is { } secret ? Convert.ToBase64String(_protector.Protect(secret)) : null,
            time.GetUtcNow());
        try
        {
            await spool.SaveAsync(job, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            Release(key.Id);
            throw;
        }

        // Never waits: fewer jobs than the capacity are pending, so the queue has room.
        await _queue.Writer.WriteAsync(new Delivery(job, 1, _settings.InitialBackoff), CancellationToken.None);
        return CallbackAcceptance.Accepted;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read before the server starts listening, so no job accepted by this run is also found here.
        var resumed = new List<CallbackJob>();
        foreach (var job in spool.LoadPending())
        {
            Interlocked.Increment(ref _pending);
            _pendingPerKey.AddOrUpdate(job.KeyId, 1, (_, count) => count + 1);
            if (job.Attempts >= _settings.MaxAttempts || IsExpired(job))
            {
                // Attempts counted in earlier runs (a job whose delivery crashed the process included) are not forgotten.
                Finish(job, () => spool.GiveUp(job.TrackingId));
                LogGaveUp(job.TrackingId, job.Attempts);
                continue;
            }

            resumed.Add(job);
        }

        var workers = Enumerable.Range(0, _settings.MaxConcurrentDeliveries).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll([ResumeAsync(resumed, stoppingToken), PruneAsync(stoppingToken), .. workers]);
    }

    /// <summary>Deletes given-up jobs once they are <see cref="CallbackOptions.MaxAge"/> old, now and then.</summary>
    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromTicks(Math.Min(_settings.MaxAge.Ticks, TimeSpan.FromMinutes(10).Ticks));
        try
        {
            while (true)
            {
                try
                {
                    spool.PruneDead(_settings.MaxAge, time.GetUtcNow());
                }
                catch (IOException e)
                {
                    LogPruneFailed(e);
                }

                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResumeAsync(List<CallbackJob> jobs, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var job in jobs)
            {
                LogResumed(job.TrackingId);
                await _queue.Writer.WriteAsync(new Delivery(job, job.Attempts + 1, _settings.InitialBackoff), stoppingToken);
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
        if (IsExpired(job))
        {
            Finish(job, () => spool.GiveUp(job.TrackingId));
            LogGaveUp(job.TrackingId, attempt - 1);
            return;
        }

        string failure;
        try
        {
            // The attempt is counted on disk before it is made: if it takes the process down, the next start knows.
            job = job with { Attempts = attempt };
            await spool.SaveAsync(job, stoppingToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_settings.Timeout);
            using var request = CreateRequest(job);
            var client = httpClientFactory.CreateClient(HttpClientName);
            // Headers only: a receiver that answers with an endless body costs nothing.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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

    /// <summary>The POST of a job's result, signed with its key's secret when the key has one.</summary>
    /// <exception cref="CryptographicException">The key ring that encrypted the job is gone.</exception>
    private HttpRequestMessage CreateRequest(CallbackJob job)
    {
        var body = _protector.Unprotect(Convert.FromBase64String(job.ProtectedBody));
        var request = new HttpRequestMessage(HttpMethod.Post, job.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (job.ProtectedSigningKey is { } protectedKey)
        {
            var secret = _protector.Unprotect(Convert.FromBase64String(protectedKey));
            request.Headers.Add(CallbackSignature.HeaderName, CallbackSignature.Create(secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        }

        return request;
    }

    private bool IsExpired(CallbackJob job) => time.GetUtcNow() - job.AcceptedAt > _settings.MaxAge;

    private void Release(string keyId)
    {
        if (_pendingPerKey.AddOrUpdate(keyId, 0, (_, count) => count - 1) <= 0)
        {
            _pendingPerKey.TryRemove(new KeyValuePair<string, int>(keyId, 0));
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
            Release(job.KeyId);
        }
    }

    /// <summary>A job with the number and backoff of its next attempt (the count is also on disk; the backoff starts over).</summary>
    private readonly record struct Delivery(CallbackJob Job, int Attempt, TimeSpan Backoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} resumed from the spool")]
    private partial void LogResumed(Guid trackingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} delivered on attempt {Attempt}")]
    private partial void LogDelivered(Guid trackingId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {TrackingId} attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(Guid trackingId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {TrackingId} given up after {Attempts} attempts; kept in the spool's dead folder")]
    private partial void LogGaveUp(Guid trackingId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the callback spool failed")]
    private partial void LogPruneFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {TrackingId} finished but its spool file could not be removed")]
    private partial void LogSpoolCleanupFailed(Exception exception, Guid trackingId);
}
