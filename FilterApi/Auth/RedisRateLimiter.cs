using FilterApi.Infrastructure;
using StackExchange.Redis;

namespace FilterApi.Auth;

/// <summary>
/// An exact sliding one-minute window per bucket, shared by every replica: one Lua script per check keeps the
/// timestamps of the admitted requests in a sorted set, on Redis's clock. While Redis is unreachable the
/// in-process limiter answers instead, which <see cref="RedisFallback"/> reports.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, InProcessRateLimiter fallback, RedisFallback fallbacks) : IRequestRateLimiter
{
    public const string Feature = "rate-limits";
    private const long WindowMilliseconds = 60_000;

    // Returns 0 when admitted, otherwise the milliseconds until the oldest admitted request leaves the window.
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local now_parts = redis.call('TIME')
        local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
        local window = tonumber(@window)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
            redis.call('ZADD', @key, now, now .. ':' .. @nonce)
            redis.call('PEXPIRE', @key, window)
            return 0
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now)
        """);

    public async ValueTask<TimeSpan?> TryAcquireAsync(string bucket, int permitsPerMinute, CancellationToken cancellationToken)
    {
        if (permitsPerMinute <= 0)
        {
            return null;
        }

        if (!redis.IsConnected)
        {
            fallbacks.Engaged(Feature, error: null);
            return fallback.TryAcquire(bucket, permitsPerMinute);
        }

        try
        {
            var waitMilliseconds = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, new
            {
                key = (RedisKey)RedisNames.RateLimit(bucket),
                window = WindowMilliseconds,
                limit = permitsPerMinute,
                nonce = Guid.NewGuid().ToString("N"),
            });
            fallbacks.Recovered(Feature);
            return waitMilliseconds == 0 ? null : TimeSpan.FromMilliseconds(waitMilliseconds);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            fallbacks.Engaged(Feature, e);
            return fallback.TryAcquire(bucket, permitsPerMinute);
        }
    }
}
