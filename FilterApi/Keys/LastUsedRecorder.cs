using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;

namespace FilterApi.Keys;

/// <summary>
/// Remembers when each key was last used and writes it to MySQL in one batch per interval, so requests never wait
/// on a database write. Only moves <c>last_used_at</c> forward, whichever replica writes last.
/// </summary>
internal sealed partial class LastUsedRecorder(
    IDbContextFactory<FilterDbContext> databases,
    IOptions<KeyStoreOptions> options,
    TimeProvider time,
    ILogger<LastUsedRecorder> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTime> _pending = new(StringComparer.Ordinal);

    public void Record(string keyId) => _pending[keyId] = time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LastUsedFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None); // what was used since the last tick is not lost on shutdown
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = _pending.ToArray();
        if (batch.Length == 0)
        {
            return;
        }

        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            foreach (var (keyId, usedAt) in batch)
            {
                await db.ApiKeys
                    .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, usedAt), cancellationToken);
            }

            // Forget what was written, unless the key was used again meanwhile (then the newer time waits for the next batch).
            foreach (var written in batch)
            {
                _pending.TryRemove(written);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e, batch.Length); // the batch stays pending and is tried again next time
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of {Count} keys; retrying at the next interval")]
    private static partial void LogFlushFailed(ILogger logger, Exception error, int count);
}
