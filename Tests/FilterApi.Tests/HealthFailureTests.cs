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
            .AddCheck("redis", () => HealthCheckResult.Unhealthy("connection refused")));
        using var client = api.CreateClient();

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("connection refused", report.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString());

        // Liveness must not fail with a dependency, or Kubernetes would restart a healthy process.
        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
