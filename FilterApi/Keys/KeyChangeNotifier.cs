using System.Collections.Concurrent;
using System.Text.Json;
using FilterApi.Events;
using FilterApi.Infrastructure;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Keys;

/// <summary>A key changed: every replica evicts it. Published on <c>revoke-log</c> (revoked, expired) or <c>key-changed</c>.</summary>
internal sealed record KeyChangeNotice(string EventId, string KeyId, string KeyHash, string Reason, DateTime At)
{
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string Updated = "updated";

    public string Channel => Reason is Revoked or Expired ? EventStreams.RevokeLog : RedisNames.KeyChangedChannel;
}

/// <summary>
/// Sends and receives key change notices. Sending deletes the Redis cache entry and publishes the notice; every
/// replica (this one included) evicts the key from its memory when the notice arrives. A notice that cannot be
/// sent while Redis is away is sent again when it is back, when every replica also clears its memory cache.
/// </summary>
internal sealed partial class KeyChangeNotifier(
    DatabaseApiKeyStore store, IEventPublisher events, ILogger<KeyChangeNotifier> logger, IConnectionMultiplexer? redis = null)
    : IHostedService
{
    private readonly ConcurrentQueue<KeyChangeNotice> _unsent = new();
    private readonly ConcurrentDictionary<string, bool> _resending = new(StringComparer.Ordinal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        redis.ConnectionRestored += OnConnectionRestored;
        var subscriber = redis.GetSubscriber();
        foreach (var channel in new[] { RedisNames.RevokeLogChannel, RedisNames.KeyChangedChannel })
        {
            try
            {
                await subscriber.SubscribeAsync(RedisChannel.Literal(channel), (_, message) => OnNotice(message));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The multiplexer subscribes again by itself once connected; until then the cache TTL bounds staleness.
                LogSubscribeFailed(logger, e, channel);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }

        return Task.CompletedTask;
    }

    public async Task PublishAsync(KeyChangeNotice notice)
    {
        store.Evict(notice.KeyHash);
        var message = notice.Reason is KeyChangeNotice.Updated
            ? JsonSerializer.Serialize(notice, JsonSerializerOptions.Web)
            : new KeyRevoked(Guid.Parse(notice.EventId), notice.At, notice.KeyId, notice.KeyHash, notice.Reason).ToJson();
        if (notice.Reason is not KeyChangeNotice.Updated && !_resending.ContainsKey(notice.EventId))
        {
            events.TryPublish(GatewayEvent.FromJson(message)!); // the revoke-log stream, for statistics and audits
        }

        if (redis is null)
        {
            return;
        }

        try
        {
            var db = redis.GetDatabase();
            await db.KeyDeleteAsync(RedisNames.ApiKey(notice.KeyHash));
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(notice.Channel), message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _unsent.Enqueue(notice);
            LogPublishDeferred(logger, e, notice.KeyId);
        }
    }

    /// <summary>Both channels carry JSON with <c>keyHash</c>: a <see cref="KeyRevoked"/> event, or a <see cref="KeyChangeNotice"/>.</summary>
    private void OnNotice(RedisValue message)
    {
        try
        {
            using var notice = JsonDocument.Parse((string)message!);
            if (notice.RootElement.TryGetProperty("keyHash", out var hash) && hash.GetString() is { Length: > 0 } keyHash)
            {
                store.Evict(keyHash);
                _ = DeleteSharedThenEvictAsync(keyHash);
            }
        }
        catch (JsonException e)
        {
            LogMalformedNotice(logger, e);
        }
    }

    /// <summary>
    /// Deletes the Redis entry here too, not only where the change was made: a replica that loaded the old record
    /// just before the change may have put it back after the sender deleted it. Evicting again afterwards keeps a
    /// load that read the old entry meanwhile from caching it.
    /// </summary>
    private async Task DeleteSharedThenEvictAsync(string keyHash)
    {
        try
        {
            await redis!.GetDatabase().KeyDeleteAsync(RedisNames.ApiKey(keyHash));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishDeferred(logger, e, keyHash);
        }

        store.Evict(keyHash);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        store.EvictAll();
        _ = ResendAsync();
    }

    private async Task ResendAsync()
    {
        while (_unsent.TryDequeue(out var notice))
        {
            _resending[notice.EventId] = true; // its stream entry is queued already
            await PublishAsync(notice);
            _resending.TryRemove(notice.EventId, out _);
            if (_unsent.Contains(notice))
            {
                return; // Redis went away again; the next reconnection tries again
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to {Channel} yet")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception error, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: the change of key {KeyId} is sent when it is back; other replicas see it within their cache TTL")]
    private static partial void LogPublishDeferred(ILogger logger, Exception error, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed key change notice")]
    private static partial void LogMalformedNotice(ILogger logger, Exception error);
}
