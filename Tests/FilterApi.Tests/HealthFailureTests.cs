using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilterApi.Tests;

public class HealthFailureTests
{
    [Fact]
    public async Task FailingDependencyMakesHealthUnavailableButNotAlive()
    {
        using var api = new FilterApiFactory(replaceServices: services => services.AddHealthChecks()
            .AddCheck("redis", () => HealthCheckResult.Unhealthy("connection refused by 10.1.2.3:6379", new InvalidOperationException("No connection to 10.1.2.3:6379 (AUTH failed)"))));
        using var client = api.CreateClient();

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        // An anonymous caller learns that Redis is down, not where it is or what the driver said.
        var body = await health.Content.ReadAsStringAsync();
        Assert.DoesNotContain("10.1.2.3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", body, StringComparison.Ordinal);

        // Liveness must not fail with a dependency, or Kubernetes would restart a healthy process.
        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
