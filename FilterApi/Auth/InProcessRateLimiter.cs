using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FilterApi.Auth;

/// <summary>
/// A sliding one-minute window per bucket in this process only: the embedded default, and the fallback of the
/// Redis limiter while Redis is unreachable.
/// </summary>
internal sealed class InProcessRateLimiter : IRequestRateLimiter, IDisposable
{
    private readonly ConcurrentDictionary<(string Bucket, int Permits), SlidingWindowRateLimiter> _limiters = new();

    public ValueTask<TimeSpan?> TryAcquireAsync(string bucket, int permitsPerMinute, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(bucket, permitsPerMinute));

    public TimeSpan? TryAcquire(string bucket, int permitsPerMinute)
    {
        if (permitsPerMinute <= 0)
        {
            return null;
        }

        // Keyed by the limit too, so a key whose limit an operator changed starts a window of the new size.
        var limiter = _limiters.GetOrAdd((bucket, permitsPerMinute), static key => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = key.Permits,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 12,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

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
