using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OllamaSharp;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace FilterApi.Llm;

internal static class LlmExtensions
{
    /// <summary>The name of the judge's HttpClient.</summary>
    public const string HttpClientName = "ollama";

    /// <summary>
    /// The LLM tier: <see cref="LlmJudge"/> over OllamaSharp's <see cref="IChatClient"/> (keyed <c>ollama</c>) when
    /// <c>ConnectionStrings:ollama</c> is set; without it the judge answers unknown, not_configured. A connection
    /// string that names no endpoint or model stops start-up.
    /// </summary>
    public static void AddLlmJudge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LlmMetrics>();
        builder.Services.AddSingleton<VerdictCache>(services =>
        {
            var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
            return services.GetService<IConnectionMultiplexer>() is { } redis
                ? new RedisVerdictCache(redis, options.CacheTtl)
                : new InProcessVerdictCache(options.CacheCapacity, options.CacheTtl, services.GetRequiredService<TimeProvider>());
        });

        var configured = builder.Configuration.GetConnectionString(OllamaConnection.ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!OllamaConnection.TryParse(configured, out var connection, out var error))
            {
                throw new InvalidOperationException($"ConnectionStrings:{OllamaConnection.ConnectionName} {error}");
            }

            builder.Services.AddOllamaClient(connection);
        }

        builder.Services.AddSingleton(services => new LlmJudge(
            services.GetKeyedService<JudgeModel>(OllamaConnection.ConnectionName), services.GetRequiredService<VerdictCache>(),
            services.GetRequiredService<IOptions<LlmOptions>>(),
            services.GetRequiredService<LlmMetrics>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<LlmJudge>>()));
        builder.Services.AddHealthChecks().AddCheck<OllamaHealthCheck>("ollama");
    }

    private static void AddOllamaClient(this IServiceCollection services, OllamaConnection connection)
    {
        // The service defaults put the standard resilience handler on every client: three retries, a 10 s attempt
        // and 30 s total timeout, a breaker of its own. For a model call that takes seconds, retries multiply the
        // cost and its timeouts would cut a CPU model the judge allows longer (or let it run past the judge's own),
        // so the judge's client has none: LlmOptions.Timeout and JudgeCircuit alone govern it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults
        services.AddHttpClient(HttpClientName, http =>
            {
                http.BaseAddress = connection.Endpoint;
                http.Timeout = Timeout.InfiniteTimeSpan; // the judge's deadline cancels every call
            })
            .RemoveAllResilienceHandlers()
            // Held for the life of the process by the singleton client below, so DNS changes come from pooled
            // connections being renewed rather than from the factory's handler rotation.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
#pragma warning restore EXTEXP0001

        services.AddKeyedSingleton<IOllamaApiClient>(OllamaConnection.ConnectionName, (services, _) =>
            new OllamaApiClient(services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), connection.Model));
        services.AddKeyedSingleton<IChatClient>(OllamaConnection.ConnectionName, (services, key) =>
            (IChatClient)services.GetRequiredKeyedService<IOllamaApiClient>(key));
        services.AddKeyedSingleton(OllamaConnection.ConnectionName, (services, key) =>
        {
            var state = new CircuitBreakerStateProvider();
            var circuit = JudgeCircuit.Create(services.GetRequiredService<IOptions<LlmOptions>>().Value, state,
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<LlmJudge>>());
            return new JudgeModel(services.GetRequiredKeyedService<IChatClient>(key), connection.Model, circuit, state);
        });
    }
}
