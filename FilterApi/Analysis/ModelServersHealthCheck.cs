using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.ModelServers;

namespace FilterApi.Analysis;

/// <summary>
/// Asks each configured model server for its health. A server that is down makes FilterApi Degraded, not
/// Unhealthy: the API still answers, from the tiers that are up, so it must stay in rotation. A server with no
/// address configured is the embedded default (the ML tier is off), reported but not a fault.
/// </summary>
internal sealed class ModelServersHealthCheck(ModelTiers models, IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (down, off) = (new List<string>(), new List<string>());
        var data = new Dictionary<string, object>();
        foreach (var model in models.All)
        {
            if (!model.IsConfigured)
            {
                data[model.Name] = "not configured";
                off.Add(model.Name);
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                await ModelClients.Resolve(services, model.Name).HealthAsync(timeout.Token);
                data[model.Name] = "up";
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                data[model.Name] = $"down: {e.Message}";
                down.Add(model.Name);
            }
        }

        var offNote = off.Count == 0 ? "" : $"; not configured: {string.Join(", ", off)} (analyze answers with degraded: true)";
        return down.Count == 0
            ? HealthCheckResult.Healthy((off.Count == models.All.Count() ? "no model server configured" : "configured model servers answer") + offNote, data)
            : HealthCheckResult.Degraded($"not answering: {string.Join(", ", down)}; analyze answers with degraded: true{offNote}", data: data);
    }
}
