using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Engine;

namespace FilterApi.Filtering;

/// <summary>Reports the lexicon in use: an engine with no patterns would pass every text.</summary>
internal sealed class EngineHealthCheck(EngineHolder engines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var engine = engines.Current;
        var data = new Dictionary<string, object>
        {
            ["entries"] = engine.Lexicon.Entries.Count,
            ["allowlist"] = engine.Lexicon.Allow.Count,
            ["patterns"] = engine.PatternCount,
        };
        return Task.FromResult(engine.PatternCount > 0
            ? HealthCheckResult.Healthy("lexicon loaded", data)
            : HealthCheckResult.Unhealthy("the lexicon is empty", data: data));
    }
}
