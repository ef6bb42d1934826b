using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FilterApi.Auth;

/// <summary>
/// A sliding one-minute window per bucket in this process only: the embedded default, and the fallback of the
/// Redis limiter while Redis is unreachable. A bucket left alone for a whole window has every permit back, so it is
/// forgotten then: buckets named after clients (addresses, user names) cannot pile up.
/// </summary>
internal sealed class InProcessRateLimiter(TimeProvider time) : IRequestRateLimiter, IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Bucket, int Permits), Entry> _limiters = new();
    private long _nextSweep;

    /// <summary>How many buckets are held now.</summary>
    public int Count => _limiters.Count;

    public ValueTask<TimeSpan?> TryAcquireAsync(string bucket, int permitsPerMinute, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(bucket, permitsPerMinute));

    public TimeSpan? TryAcquire(string bucket, int permitsPerMinute)
    {
        if (permitsPerMinute <= 0)
        {
            return null;
        }

        var now = time.GetTimestamp();
        SweepIdle(now);

        // Keyed by the limit too, so a key whose limit an operator changed starts a window of the new size.
        while (true)
        {
            var entry = _limiters.GetOrAdd((bucket, permitsPerMinute), static key => new Entry(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = key.Permits,
                Window = Window,
                SegmentsPerWindow = 12,
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
            Volatile.Write(ref entry.LastUsed, now);
            RateLimitLease lease;
            try
            {
                lease = entry.Limiter.AttemptAcquire();
            }
            catch (ObjectDisposedException)
            {
                continue; // swept between GetOrAdd and here: it was idle, so a fresh one is the same
            }

            using (lease)
            {
                if (lease.IsAcquired)
                {
                    return null;
                }

                // The window frees a segment every five seconds; say so when the limiter does not.
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(5);
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _limiters.Values)
        {
            entry.Limiter.Dispose();
        }
    }

    /// <summary>At most every ten seconds, forgets the buckets unused for a whole window.</summary>
    private void SweepIdle(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (long)(10 * time.TimestampFrequency), next) != next)
        {
            return;
        }

        foreach (var (bucket, entry) in _limiters)
        {
            if (time.GetElapsedTime(Volatile.Read(ref entry.LastUsed), now) >= Window
                && _limiters.TryRemove(new KeyValuePair<(string, int), Entry>(bucket, entry)))
            {
                entry.Limiter.Dispose();
            }
        }
    }

    private sealed class Entry(SlidingWindowRateLimiter limiter)
    {
        public readonly SlidingWindowRateLimiter Limiter = limiter;
        public long LastUsed;
    }
}
