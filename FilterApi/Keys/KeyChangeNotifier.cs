using System.Collections.Concurrent;
using System.Text.Json;
using FilterApi.Events;
using FilterApi.Infrastructure;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Keys;

/// <summary>A key changed: every replica evicts it. Published on <c>revoke-log</c> (revoked, expired) or <c>key-changed</c>.</summary>
internal sealed record KeyChangeNotice(Guid EventId, string KeyId, string KeyHash, string Reason, DateTime At)
{
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string Updated = "updated";

    public bool IsRevocation => Reason is Revoked or Expired;

    public string Channel => IsRevocation ? EventStreams.RevokeLog : RedisNames.KeyChangedChannel;

    /// <summary>The <c>revoke-log</c> event of a revocation (the same shape LogConsumer's expiry job publishes).</summary>
    public KeyRevoked ToEvent() => new(EventId, At, KeyId, KeyHash, Reason);

    /// <summary>What goes on the channel: JSON with <c>keyHash</c>, which is all a subscriber reads.</summary>
    public string ToMessage() => IsRevocation ? ToEvent().ToJson() : JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        redis.ConnectionRestored += OnConnectionRestored;
        var subscriber = redis.GetSubscriber();
        foreach (var channel in new[] { EventStreams.RevokeLog, RedisNames.KeyChangedChannel })
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
        if (notice.IsRevocation)
        {
            events.TryPublish(notice.ToEvent()); // the revoke-log stream, for statistics and audits
        }

        await NotifyReplicasAsync(notice);
    }

    /// <summary>Deletes the Redis cache entry, then publishes the notice; kept for resending if Redis is away.</summary>
    private async Task NotifyReplicasAsync(KeyChangeNotice notice)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisNames.ApiKey(notice.KeyHash));
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(notice.Channel), notice.ToMessage());
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
            await NotifyReplicasAsync(notice);
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
