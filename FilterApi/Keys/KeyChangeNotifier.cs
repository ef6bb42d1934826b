using System.Collections.Concurrent;
using System.Text.Json;
using FilterApi.Infrastructure;
using StackExchange.Redis;

namespace FilterApi.Keys;

/// <summary>A key changed: every replica evicts it. Published on <c>revoke-log</c> (revoked, expired) or <c>key-changed</c>.</summary>
internal sealed record KeyChangeNotice(string EventId, string KeyId, string KeyHash, string Reason, DateTime At)
{
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string Updated = "updated";

    public string Channel => Reason is Revoked or Expired ? RedisNames.RevokeLogChannel : RedisNames.KeyChangedChannel;
}

/// <summary>
/// Sends and receives key change notices. Sending deletes the Redis cache entry and publishes the notice; every
/// replica (this one included) evicts the key from its memory when the notice arrives. A notice that cannot be
/// sent while Redis is away is sent again when it is back, when every replica also clears its memory cache.
/// </summary>
internal sealed partial class KeyChangeNotifier(DatabaseApiKeyStore store, ILogger<KeyChangeNotifier> logger, IConnectionMultiplexer? redis = null)
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
        if (redis is null)
        {
            return;
        }

        try
        {
            var db = redis.GetDatabase();
            await db.KeyDeleteAsync(RedisNames.ApiKey(notice.KeyHash));
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(notice.Channel), JsonSerializer.Serialize(notice));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _unsent.Enqueue(notice);
            LogPublishDeferred(logger, e, notice.KeyId);
        }
    }

    private void OnNotice(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<KeyChangeNotice>((string)message!) is { KeyHash.Length: > 0 } notice)
            {
                store.Evict(notice.KeyHash);
            }
        }
        catch (JsonException e)
        {
            LogMalformedNotice(logger, e);
        }
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
            await PublishAsync(notice);
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
