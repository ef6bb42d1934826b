using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;
using Moderation.Events;
using StackExchange.Redis;

namespace LogConsumer.Expiry;

/// <summary>
/// Expires keys older than <see cref="KeyExpiryOptions.MaxAge"/> or unused for <see cref="KeyExpiryOptions.UnusedFor"/>,
/// as the seed gateway does: status EXPIRED, an audit entry, and a <c>revoke-log</c> event on the stream and the
/// pub/sub channel, so every FilterApi replica refuses the key (4030) at once. One consumer of the replica set runs
/// it per interval (a lock in Redis).
/// </summary>
internal sealed partial class KeyExpiryJob(
    IDbContextFactory<FilterDbContext> databases,
    IConnectionMultiplexer redis,
    IOptions<KeyExpiryOptions> options,
    TimeProvider time,
    ILogger<KeyExpiryJob> logger) : BackgroundService
{
    private const string LockKey = "lock:key-expiry";
    private readonly string _owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            // Held for most of an interval, so only one replica runs each round even if clocks differ slightly.
            if (!await redis.GetDatabase().StringSetAsync(LockKey, _owner, settings.Interval * 0.9, When.NotExists))
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var createdBefore = now - settings.MaxAge;
            var unusedSince = now - settings.UnusedFor;
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var due = await db.ApiKeys
                .Where(k => k.Status == ApiKeyStatus.Active
                    && (k.CreatedAt < createdBefore || (k.LastUsedAt ?? k.CreatedAt) < unusedSince))
                .ToListAsync(cancellationToken);
            foreach (var key in due)
            {
                var reason = key.CreatedAt < createdBefore ? "older than the maximum age" : "unused for too long";
                key.Status = ApiKeyStatus.Expired;
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    Actor = "system",
                    Action = "key.expired",
                    Target = key.Id,
                    Detail = JsonSerializer.Serialize(new { reason }, JsonSerializerOptions.Web),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var key in due)
            {
                var revoked = new KeyRevoked(Guid.CreateVersion7(), now, key.Id, Convert.ToHexStringLower(key.KeyHash), "expired");
                var json = revoked.ToJson();
                await redis.GetDatabase().KeyDeleteAsync(SharedRedisKeys.ApiKeyCache(revoked.KeyHash));
                await redis.GetDatabase().StreamAddAsync(EventStreams.RevokeLog, [
                    new NameValueEntry("eventId", revoked.EventId.ToString("N")),
                    new NameValueEntry(EventStreams.PayloadField, json),
                ]);
                await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(EventStreams.RevokeLog), json);
                LogExpired(logger, key.Id);
            }


        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyId} expired")]
    private static partial void LogExpired(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key expiry failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
