using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes a health report as JSON with every check. Anyone (a probe, a load balancer) sees each check's status;
/// why a check is not healthy — its description, data and error, which can name hosts, ports and driver
/// messages — is shown only to an authenticated caller (an operator's admin token).
/// </summary>
internal static class HealthResponseWriter
{
    private const string Withheld = "details withheld: send an operator's admin token to see them";
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var isOperator = context.User.Identity?.IsAuthenticated == true;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => isOperator || entry.Value.Status == HealthStatus.Healthy
                    ? new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description,
                        durationMs = entry.Value.Duration.TotalMilliseconds,
                        error = isOperator ? entry.Value.Exception?.Message : null,
                        data = entry.Value.Data,
                    }
                    : new
                    {
                        status = entry.Value.Status.ToString(),
                        description = (string?)Withheld,
                        durationMs = entry.Value.Duration.TotalMilliseconds,
                        error = (string?)null,
                        data = (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(),
                    }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }
}
