using System.Collections.Concurrent;
using System.Diagnostics;
using FilterApi.Infrastructure;
using StackExchange.Redis;

namespace FilterApi.Auth;

/// <summary>
/// A one-minute sliding window per bucket, shared by every replica and never exceeded: a Lua script keeps the
/// permits handed out in a sorted set on Redis's clock. A busy replica takes several permits per call (a lease,
/// sized to its recent traffic, at most 1% of the limit) and spends them locally for up to half a second, so a
/// busy key costs a Redis round trip per lease rather than per request. Leased permits are stamped with the end
/// of their lease, the latest moment they can be spent, so every permit stays in the window for a full minute
/// after its use: the limit holds exactly; permits a lease leaves unspent are the only slack (fewer admitted,
/// never more). While Redis is unreachable the in-process limiter answers instead, which <see cref="RedisFallback"/>
/// reports. A bucket's lease is forgotten once unused for a minute (its permits expired long before).
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, InProcessRateLimiter fallback, RedisFallback fallbacks, TimeProvider time)
    : IRequestRateLimiter, IDisposable
{
    public const string Feature = "rate-limits";
    private const long WindowMilliseconds = 60_000;
    private const long LeaseMilliseconds = 500;
    private const int MaxLease = 1000;

    // Returns {granted, 0}, or {0, milliseconds until the oldest permit leaves the window}.
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local window = tonumber(@window)
        local hold = tonumber(@hold)
        local total = tonumber(redis.call('GET', @permits) or '0')
        local expired = redis.call('ZRANGEBYSCORE', @leases, '-inf', now - window)
        for _, lease in ipairs(expired) do
            total = total - tonumber(string.match(lease, '(%d+)$'))
        end
        if #expired > 0 then
            redis.call('ZREMRANGEBYSCORE', @leases, '-inf', now - window)
        end
        if total < 0 then total = 0 end
        local granted = math.min(tonumber(@wanted), tonumber(@limit) - total)
        if granted <= 0 then
            redis.call('SET', @permits, total, 'PX', window + hold)
            local oldest = redis.call('ZRANGE', @leases, 0, 0, 'WITHSCORES')
            local wait = window
            if oldest[2] then wait = tonumber(oldest[2]) + window - now end
            return {0, math.max(1, wait)}
        end
        redis.call('ZADD', @leases, now + hold, @nonce .. ':' .. granted)
        redis.call('SET', @permits, total + granted, 'PX', window + hold)
        redis.call('PEXPIRE', @leases, window + hold)
        return {granted, 0}
        """);

    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly string _replica = Guid.NewGuid().ToString("N")[..8];
    private long _nonce;
    private long _nextSweep;

    public async ValueTask<TimeSpan?> TryAcquireAsync(string bucket, int permitsPerMinute, CancellationToken cancellationToken)
    {
        if (permitsPerMinute <= 0)
        {
            return null;
        }

        var now = time.GetTimestamp();
        SweepIdle(now);
        var lease = _leases.GetOrAdd(bucket, static _ => new Lease());
        if (lease.TrySpend(permitsPerMinute, now))
        {
            return null;
        }

        // One lease request per bucket at a time: requests arriving meanwhile spend what it brings.
        await lease.Refill.WaitAsync(cancellationToken);
        try
        {
            var started = time.GetTimestamp();
            if (lease.TrySpend(permitsPerMinute, started))
            {
                return null;
            }

            if (!redis.IsConnected)
            {
                fallbacks.Engaged(Feature, error: null);
                return fallback.TryAcquire(bucket, permitsPerMinute);
            }

            var wanted = lease.NextSize(permitsPerMinute, started, time.TimestampFrequency);
            RedisResult[] answer;
            try
            {
                answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, new
                {
                    leases = (RedisKey)RedisNames.RateLimit(bucket),
                    permits = (RedisKey)RedisNames.RateLimitPermits(bucket),
                    window = WindowMilliseconds,
                    hold = LeaseMilliseconds,
                    limit = permitsPerMinute,
                    wanted,
                    nonce = $"{_replica}:{Interlocked.Increment(ref _nonce)}",
                }))!;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                fallbacks.Engaged(Feature, e);
                return fallback.TryAcquire(bucket, permitsPerMinute);
            }

            fallbacks.Recovered(Feature);
            var granted = (int)answer[0];
            if (granted == 0)
            {
                return TimeSpan.FromMilliseconds((long)answer[1]);
            }

            // Valid locally until the stamp Redis gave it at the latest (measured from before the call was sent).
            lease.Grant(permitsPerMinute, granted - 1, started, started + (long)(LeaseMilliseconds / 1000.0 * time.TimestampFrequency));
            return null;
        }
        finally
        {
            lease.Refill.Release();
        }
    }

    public void Dispose()
    {
        foreach (var lease in _leases.Values)
        {
            lease.Refill.Dispose();
        }
    }

    /// <summary>
    /// At most every ten seconds, forgets the leases unused for a window. Their semaphores are left to the
    /// collector: a request may still hold one, and then only refills a lease nobody else will see.
    /// </summary>
    private void SweepIdle(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 10 * time.TimestampFrequency, next) != next)
        {
            return;
        }

        foreach (var (bucket, lease) in _leases)
        {
            if (time.GetElapsedTime(lease.LastUsed, now).TotalMilliseconds >= WindowMilliseconds)
            {
                _leases.TryRemove(new KeyValuePair<string, Lease>(bucket, lease));
            }
        }
    }

    /// <summary>Permits this replica holds for one bucket, and how fast it has been spending them.</summary>
    private sealed class Lease
    {
        private readonly Lock _gate = new();
        private int _limit;
        private int _remaining;
        private long _validUntil;
        private long _spentSinceGrant;
        private long _grantedAt;
        private double _perSecond;
        private long _lastUsed;

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public bool TrySpend(int limit, long now)
        {
            lock (_gate)
            {
                Volatile.Write(ref _lastUsed, Math.Max(_lastUsed, now));
                if (_limit != limit || _remaining == 0 || now >= _validUntil)
                {
                    return false;
                }

                _remaining--;
                _spentSinceGrant++;
                return true;
            }
        }

        /// <summary>About what this replica spends in one lease period, at most 1% of the limit: a quiet key leases one permit at a time.</summary>
        public int NextSize(int limit, long now, long frequency)
        {
            lock (_gate)
            {
                if (_grantedAt != 0)
                {
                    var seconds = Math.Max((now - _grantedAt) / (double)frequency, 0.001);
                    _perSecond = 0.5 * _perSecond + 0.5 * (_spentSinceGrant + 1) / seconds;
                }

                var size = (int)Math.Ceiling(_perSecond * LeaseMilliseconds / 1000.0);
                return Math.Clamp(size, 1, Math.Clamp(limit / 100, 1, MaxLease));
            }
        }

        public void Grant(int limit, int remaining, long grantedAt, long validUntil)
        {
            lock (_gate)
            {
                _limit = limit;
                _remaining = remaining;
                _grantedAt = grantedAt;
                _validUntil = validUntil;
                _spentSinceGrant = 0;
            }
        }
    }
}
