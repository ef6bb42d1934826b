using FilterApi.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilterApi.Tests;

/// <summary>
/// The judge as FilterApi registers it (service defaults included, so their resilience handler is in play), in a
/// small host of its own: configuration as an operator writes it, the real OllamaSharp client, no web API around it.
/// </summary>
internal sealed class LlmJudgeHost : IAsyncDisposable
{
    private LlmJudgeHost(IHost host) => Host = host;

    public IHost Host { get; }

    public LlmJudge Judge => Host.Services.GetRequiredService<LlmJudge>();

    /// <param name="ollama">ConnectionStrings:ollama, or null for none.</param>
    /// <param name="settings">Configuration on top: <c>Llm:*</c>, <c>ConnectionStrings:redis</c>.</param>
    public static async Task<LlmJudgeHost> StartAsync(string? ollama, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = Build(ollama, settings, time);
        var host = builder.Build();
        await host.StartAsync();
        return new LlmJudgeHost(host);
    }

    public static HostApplicationBuilder Build(string? ollama, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ollama"] = ollama,
            // Generous: the ordinary tests must not time out on a loaded machine; the timeout tests set 1 s.
            ["Llm:Timeout"] = "00:00:15",
        };
        foreach (var (name, value) in settings ?? [])
        {
            configuration[name] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddRedisClientIfConfigured();
        builder.AddLlmJudge();
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
