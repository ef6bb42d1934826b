using System.Collections.Concurrent;
using FilterApi.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FilterApi.Auth;

/// <summary>What <see cref="ReplayGuard"/> says about a token id.</summary>
internal enum TokenUse
{
    First,
    Replayed,

    /// <summary>This replica remembers as many token ids as it may and Redis cannot answer: nothing vouches for it.</summary>
    Untracked,
}

/// <summary>
/// Accepts each signed token id (<c>jti</c>) once, until the token expires: in Redis, so a token replayed to another
/// replica is refused too, and in this process as well, so a replay to the same replica is refused even while Redis
/// is unreachable (which <see cref="RedisFallback"/> then reports). The process remembers at most
/// <see cref="SigningOptions.MaxTrackedTokenIds"/>; past that, Redis alone guards, and without Redis the token is refused.
/// </summary>
internal sealed class ReplayGuard(RedisFallback fallbacks, TimeProvider time, IOptions<SigningOptions> options, IConnectionMultiplexer? redis = null)
{
    public const string Feature = "replay-protection";
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _insertions;
    private long _nextFullSweep;

    /// <summary>How many token ids this process remembers now.</summary>
    public int Count => _seen.Count;

    /// <returns>Whether this is the first time <paramref name="tokenId"/> is presented for <paramref name="keyId"/>.</returns>
    public async ValueTask<TokenUse> TryUseAsync(string keyId, string tokenId, DateTimeOffset until)
    {
        var name = RedisNames.TokenId(keyId, tokenId);
        var now = time.GetUtcNow();
        var local = TryUseLocally(name, until, now);
        if (local == TokenUse.Replayed)
        {
            return local;
        }

        if (redis is null)
        {
            return local;
        }

        if (!redis.IsConnected)
        {
            fallbacks.Engaged(Feature, error: null);
            return local;
        }

        try
        {
            var ttl = until - now;
            var first = await redis.GetDatabase().StringSetAsync(name, 1, ttl > TimeSpan.Zero ? ttl : TimeSpan.FromSeconds(1), When.NotExists);
            fallbacks.Recovered(Feature);
            return first ? TokenUse.First : TokenUse.Replayed;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            fallbacks.Engaged(Feature, e);
            return local;
        }
    }

    private TokenUse TryUseLocally(string name, DateTimeOffset until, DateTimeOffset now)
    {
        // A full set is swept at most once a second: sweeping on every request would make a full set a CPU sink.
        var full = _seen.Count >= options.Value.MaxTrackedTokenIds;
        var nextFullSweep = Interlocked.Read(ref _nextFullSweep);
        if ((full && now.UtcTicks >= nextFullSweep && Interlocked.CompareExchange(ref _nextFullSweep, now.AddSeconds(1).UtcTicks, nextFullSweep) == nextFullSweep)
            || Interlocked.Increment(ref _insertions) % SweepEvery == 0)
        {
            SweepExpired(now);
            full = _seen.Count >= options.Value.MaxTrackedTokenIds;
        }

        if (_seen.TryGetValue(name, out var expires))
        {
            // Seen before: a replay, unless that token has expired (then the signature check refuses it anyway).
            return expires <= now && _seen.TryUpdate(name, until, expires) ? TokenUse.First : TokenUse.Replayed;
        }

        if (full)
        {
            return TokenUse.Untracked;
        }

        return _seen.TryAdd(name, until) ? TokenUse.First : TokenUse.Replayed;
    }

    private void SweepExpired(DateTimeOffset now)
    {
        foreach (var (seen, expiry) in _seen)
        {
            if (expiry <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(seen, expiry));
            }
        }
    }
}
