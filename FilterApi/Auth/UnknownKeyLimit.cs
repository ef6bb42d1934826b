using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FilterApi.Auth;

/// <summary>
/// <see cref="AuthOptions.UnknownKeysPerMinutePerAddress"/>: every unknown-key answer takes a permit from its client
/// address's bucket (shared by the replicas like every limit). An address out of permits is remembered here until
/// its retry time, so until then its keys are looked up in the caches only and never reach the database.
/// </summary>
internal sealed class UnknownKeyLimit(IRequestRateLimiter limiter, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxRefusedAddresses = 100_000;

    private readonly ConcurrentDictionary<string, long> _refusedUntil = new(StringComparer.Ordinal);

    /// <returns>Whether <paramref name="clientAddress"/> is out of permits, and for how long.</returns>
    public bool IsRefused(string clientAddress, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        if (_refusedUntil.TryGetValue(clientAddress, out var until) && until > now)
        {
            retryAfter = time.GetElapsedTime(now, until);
            return true;
        }

        retryAfter = TimeSpan.Zero;
        return false;
    }

    /// <summary>Counts one unknown-key answer.</summary>
    /// <returns>Null while the address has permits; otherwise how long it waits.</returns>
    public async ValueTask<TimeSpan?> ChargeAsync(string clientAddress, CancellationToken cancellationToken)
    {
        if (await limiter.TryAcquireAsync($"unknown-key:{clientAddress}", options.Value.UnknownKeysPerMinutePerAddress, cancellationToken) is not { } wait)
        {
            return null;
        }

        var now = time.GetTimestamp();
        if (_refusedUntil.Count >= MaxRefusedAddresses)
        {
            foreach (var (address, until) in _refusedUntil)
            {
                if (until <= now)
                {
                    _refusedUntil.TryRemove(new KeyValuePair<string, long>(address, until));
                }
            }
        }

        // Beyond the bound (all still refused), an address is refused after its lookup instead of before it.
        if (_refusedUntil.Count < MaxRefusedAddresses)
        {
            _refusedUntil[clientAddress] = now + (long)(wait.TotalSeconds * time.TimestampFrequency);
        }

        return wait;
    }
}
