using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FilterApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FilterApi.Tests;

/// <summary>How FilterApi wires the judge: its connection string, its HTTP client, its health check and metrics.</summary>
public sealed class LlmRegistrationTests : IAsyncLifetime
{
    private FakeOllamaServer _ollama = null!;

    public async Task InitializeAsync() => _ollama = await FakeOllamaServer.StartAsync();

    public async Task DisposeAsync() => await _ollama.DisposeAsync();

    [Theory]
    [InlineData("Endpoint=http://127.0.0.1:11434", "names no Model")]
    [InlineData("Endpoint=http://127.0.0.1:11434;Model=", "names no Model")]
    [InlineData("Model=qwen2.5:1.5b-instruct", "needs Endpoint")]
    [InlineData("Endpoint=ollama:11434;Model=qwen", "needs Endpoint")]
    [InlineData("http://127.0.0.1:11434", "is not of the form")]
    public void AConnectionStringWithoutEndpointOrModelStopsStartUp(string connectionString, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LlmJudgeHost.Build(connectionString));

        Assert.Contains("ConnectionStrings:ollama", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvertedGreyZoneStopsStartUp()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LlmJudgeHost.StartAsync(ollama: null, new()
        {
            ["Llm:GreyZoneLow"] = "0.8",
            ["Llm:GreyZoneHigh"] = "0.2",
        }));

        Assert.Contains("GreyZoneLow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJudgesHttpClientHasNoSharedResilienceHandler()
    {
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());
        var handlers = host.Host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = new List<string>();
        for (var handler = handlers.CreateHandler(LlmExtensions.HttpClientName); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler.GetType().FullName!);
        }

        // Its retries and 30 s total timeout would fight the judge's own timeout and circuit breaker.
        Assert.DoesNotContain(chain, name => name.Contains("Resilience", StringComparison.Ordinal));
        Assert.Equal(typeof(SocketsHttpHandler).FullName, chain[^1]);
    }

    [Fact]
    public async Task TheRegisteredChatClientAlsoStreams()
    {
        _ollama.Reply = _ => new FakeChatReply.Content("Hello from a streamed answer, in several pieces.");
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());
        var client = host.Host.Services.GetRequiredKeyedService<IChatClient>(OllamaConnection.ConnectionName);

        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync("hi"))
        {
            pieces.Add(update.Text);
        }

        Assert.True(Assert.Single(_ollama.ChatRequests).GetProperty("stream").GetBoolean());
        Assert.True(pieces.Count > 2);
        Assert.Equal("Hello from a streamed answer, in several pieces.", string.Concat(pieces));
    }

    [Fact]
    public async Task FilterApiReportsOllamaOnHealthAndTheJudgeOnMetrics()
    {
        _ollama.Reply = _ => FakeChatReply.Verdict("unsafe", 0.9, "Profanity.", "profanity");
        using var api = new FilterApiFactory(new() { ["ConnectionStrings:ollama"] = _ollama.ConnectionString() });
        using var client = api.CreateClient();

        var ollama = (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("checks").GetProperty("ollama");
        Assert.Equal("Healthy", ollama.GetProperty("status").GetString());

        var judge = api.Services.GetRequiredService<LlmJudge>();
        await judge.JudgeAsync("what the hell", CancellationToken.None);
        await judge.JudgeAsync("what the hell", CancellationToken.None);
        _ollama.Reply = _ => new FakeChatReply.Status(500);
        await judge.JudgeAsync("something else", CancellationToken.None);

        // The exporter caches a scrape briefly; poll until the last judgement shows.
        var metrics = "";
        for (var i = 0; i < 50 && !metrics.Contains("moderation_llm_failures_total{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            metrics = await client.GetStringAsync("/metrics");
        }

        Assert.Contains("moderation_llm_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_llm_cache_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("result=\"hit\"", metrics, StringComparison.Ordinal);
        Assert.Contains("moderation_llm_verdicts_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("category=\"profanity\"", metrics, StringComparison.Ordinal);
        Assert.Contains("reason=\"unavailable\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("what the hell", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingModelOrADeadServerDegradesFilterApiWithoutTakingItOutOfRotation()
    {
        _ollama.Models = ["llama3.2:1b"];
        using (var api = new FilterApiFactory(new() { ["ConnectionStrings:ollama"] = _ollama.ConnectionString() }))
        {
            await AssertDegradedAsync(api);
        }

        using (var api = new FilterApiFactory(new() { ["ConnectionStrings:ollama"] = $"Endpoint=http://127.0.0.1:{LocalRedis.FreePort()};Model=qwen" }))
        {
            await AssertDegradedAsync(api);
        }

        static async Task AssertDegradedAsync(FilterApiFactory api)
        {
            using var client = api.CreateClient();
            using var response = await client.GetAsync("/health");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("ollama").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task WithoutOllamaFilterApiIsHealthyAndTheJudgeIsOff()
    {
        using var api = new FilterApiFactory();
        using var client = api.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("ollama").GetProperty("status").GetString());
        Assert.Contains("not configured", health.GetProperty("checks").GetProperty("ollama").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(api.Services.GetRequiredService<LlmJudge>().IsConfigured);
    }
}
