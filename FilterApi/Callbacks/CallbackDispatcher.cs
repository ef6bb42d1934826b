using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Accepts jobs (persisting them first) and POSTs each result to its callback URL with exponential backoff.
/// Jobs left in the spool by a previous run are picked up again at start.
/// </summary>
internal sealed partial class CallbackDispatcher(
    CallbackSpool spool,
    IHttpClientFactory httpClientFactory,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "callbacks";
    private const int Workers = 4;

    private readonly Channel<CallbackJob> _queue = Channel.CreateUnbounded<CallbackJob>();

    /// <summary>Persists the job, then queues it: when this returns the job survives a restart.</summary>
    public async Task AcceptAsync(CallbackJob job, CancellationToken cancellationToken)
    {
        await spool.SaveAsync(job, cancellationToken);
        _queue.Writer.TryWrite(job);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in spool.LoadPending())
        {
            LogResumed(job.TrackingId);
            _queue.Writer.TryWrite(job);
        }

        return Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered jobs stay in the spool for the next start.
        }
    }

    private async Task DeliverAsync(CallbackJob job, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = settings.InitialBackoff;
        var client = httpClientFactory.CreateClient(HttpClientName);
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(settings.Timeout);
                using var response = await client.PostAsJsonAsync(job.Url, job.Result, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    spool.Complete(job.TrackingId);
                    LogDelivered(job.TrackingId, attempt);
                    return;
                }

                LogAttemptFailed(job.TrackingId, attempt, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogAttemptFailed(job.TrackingId, attempt, e.Message);
            }

            if (attempt < settings.MaxAttempts)
            {
                await Task.Delay(backoff, time, stoppingToken);
                backoff *= 2;
            }
        }

        spool.GiveUp(job.TrackingId);
        LogGaveUp(job.TrackingId, settings.MaxAttempts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} resumed from the spool")]
    private partial void LogResumed(Guid trackingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {TrackingId} delivered on attempt {Attempt}")]
    private partial void LogDelivered(Guid trackingId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {TrackingId} attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(Guid trackingId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {TrackingId} given up after {Attempts} attempts; kept in the spool's dead folder")]
    private partial void LogGaveUp(Guid trackingId, int attempts);
}
