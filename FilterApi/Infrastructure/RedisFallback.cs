using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace FilterApi.Infrastructure;

/// <summary>
/// Which features run on their in-process fallback because Redis failed, so it is said on <c>/health</c> and in the
/// logs (once per outage) rather than silently: rate limits and replay protection then hold per replica only.
/// </summary>
internal sealed partial class RedisFallback : IHealthCheck
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<RedisFallback> _logger;

    public RedisFallback(TimeProvider time, ILogger<RedisFallback> logger, IConnectionMultiplexer? redis = null)
    {
        _time = time;
        _logger = logger;
        if (redis is not null)
        {
            // Connected again: the next call of every feature goes to Redis (and engages its fallback again if that fails),
            // also for features no request has used since, such as replay protection when no signed request came.
            redis.ConnectionRestored += (_, _) =>
            {
                foreach (var feature in Engaged())
                {
                    Recovered(feature);
                }
            };
        }
    }

    /// <summary>Redis failed for <paramref name="feature"/>; its in-process fallback answered instead.</summary>
    public void Engaged(string feature, Exception? error)
    {
        lock (_gate)
        {
            if (!_since.TryAdd(feature, _time.GetUtcNow()))
            {
                return;
            }
        }

        LogEngaged(_logger, error, feature);
    }

    /// <summary>Redis answered for <paramref name="feature"/> again.</summary>
    public void Recovered(string feature)
    {
        lock (_gate)
        {
            if (!_since.Remove(feature))
            {
                return;
            }
        }

        LogRecovered(_logger, feature);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_since.Count == 0)
            {
                return Task.FromResult(HealthCheckResult.Healthy("rate limits and replay protection are shared through Redis"));
            }

            var data = _since.ToDictionary(p => p.Key, p => (object)p.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Redis unreachable: {string.Join(", ", _since.Keys.Order(StringComparer.Ordinal))} run per replica in-process", data: data));
        }
    }

    private List<string> Engaged()
    {
        lock (_gate)
        {
            return [.. _since.Keys];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: {Feature} falls back to this process only until it answers again")]
    private static partial void LogEngaged(ILogger logger, Exception? error, string feature);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: {Feature} is shared across replicas again")]
    private static partial void LogRecovered(ILogger logger, string feature);
}
