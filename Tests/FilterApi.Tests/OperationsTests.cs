using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FilterApi.Tests;

public class OperationsTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private readonly HttpClient _client = api.Factory.CreateClient();

    [Fact]
    public async Task HealthReportsTheEngineWithItsLexicon()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var engine = health.GetProperty("checks").GetProperty("engine");
        Assert.Equal("Healthy", engine.GetProperty("status").GetString());
        Assert.True(engine.GetProperty("data").GetProperty("entries").GetInt32() >= 900);
    }

    [Fact]
    public async Task AliveAnswersWithoutDependencies()
    {
        using var response = await _client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MetricsCountFilterRequestsByStatusCode()
    {
        using var authorized = api.Factory.CreateAuthorizedClient();
        await authorized.PostFilterAsync(new { text = "hello", mode = "QUICK" });

        // The exporter caches a scrape briefly; poll until the request shows.
        var metrics = "";
        for (var i = 0; i < 50 && !metrics.Contains("moderation_filter_requests_total{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            metrics = await _client.GetStringAsync("/metrics");
        }

        Assert.Contains("moderation_filter_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("status_code=\"2000\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheFilterEndpoint()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/filter", document, StringComparison.Ordinal);
        Assert.Contains("application/x-www-form-urlencoded", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractiveReferencePageIsServed()
    {
        var page = await _client.GetStringAsync("/scalar/");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
    }
}
