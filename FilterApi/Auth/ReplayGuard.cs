using System.Collections.Concurrent;
using FilterApi.Infrastructure;
using StackExchange.Redis;

namespace FilterApi.Auth;

/// <summary>
/// Accepts each signed token id (<c>jti</c>) once, until the token expires: in Redis, so a token replayed to another
/// replica is refused too, and always in this process as well, so a replay to the same replica is refused even
/// while Redis is unreachable (which <see cref="RedisFallback"/> then reports).
/// </summary>
internal sealed class ReplayGuard(RedisFallback fallbacks, TimeProvider time, IConnectionMultiplexer? redis = null)
{
    public const string Feature = "replay-protection";
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _insertions;

    /// <returns>True the first time <paramref name="tokenId"/> is presented for <paramref name="keyId"/>.</returns>
    public async ValueTask<bool> TryUseAsync(string keyId, string tokenId, DateTimeOffset until)
    {
        var name = RedisNames.TokenId(keyId, tokenId);
        var now = time.GetUtcNow();
        if (!TryUseLocally(name, until, now))
        {
            return false;
        }

        if (redis is null)
        {
            return true;
        }

        if (!redis.IsConnected)
        {
            fallbacks.Engaged(Feature, error: null);
            return true;
        }

        try
        {
            var ttl = until - now;
            var first = await redis.GetDatabase().StringSetAsync(name, 1, ttl > TimeSpan.Zero ? ttl : TimeSpan.FromSeconds(1), When.NotExists);
            fallbacks.Recovered(Feature);
            return first;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            fallbacks.Engaged(Feature, e);
            return true;
        }
    }

    private bool TryUseLocally(string name, DateTimeOffset until, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _insertions) % SweepEvery == 0)
        {
            foreach (var (seen, expiry) in _seen)
            {
                if (expiry <= now)
                {
                    _seen.TryRemove(seen, out _);
                }
            }
        }

        if (_seen.TryAdd(name, until))
        {
            return true;
        }

        // Seen before: a replay, unless that token has expired (then the signature check refuses it anyway).
        return _seen.TryGetValue(name, out var expires) && expires <= now && _seen.TryUpdate(name, until, expires);
    }
}
