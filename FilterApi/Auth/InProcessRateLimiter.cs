using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FilterApi.Auth;

/// <summary>
/// A sliding one-minute window per key, in this process only (the embedded default; a later issue adds the
/// Redis limiter that holds across replicas).
/// </summary>
internal sealed class InProcessRateLimiter : IRequestRateLimiter, IDisposable
{
    private readonly ConcurrentDictionary<string, SlidingWindowRateLimiter> _limiters = new(StringComparer.Ordinal);

    public TimeSpan? TryAcquire(ApiKey key)
    {
        if (key.RequestsPerMinute <= 0)
        {
            return null;
        }

        var limiter = _limiters.GetOrAdd(key.Id, static (_, permits) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 12,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), key.RequestsPerMinute);

        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }

        // The window frees a segment every five seconds; say so when the limiter does not.
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(5);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
