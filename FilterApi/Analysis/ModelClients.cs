using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Moderation.ModelServers;

namespace FilterApi.Analysis;

/// <summary>The typed client of the fastText server, found at <c>services__fasttext__http__0</c>.</summary>
internal sealed class FastTextClient(HttpClient http) : ModelServerClient(http);

/// <summary>The typed client of the transformer server, found at <c>services__kobert__http__0</c>.</summary>
internal sealed class KobertClient(HttpClient http) : ModelServerClient(http);

internal static class ModelClients
{
    /// <summary>Registers both typed clients with short timeouts, one retry and a circuit breaker of their own.</summary>
    public static void AddModelClients(this IServiceCollection services)
    {
        // The service defaults give every client a generous standard pipeline; these replace it with their own.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults

        services.AddHttpClient<FastTextClient>(http => http.BaseAddress = new Uri($"http://{ModelServerNames.FastText}/"))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler().Configure(Configure);
        services.AddHttpClient<KobertClient>(http => http.BaseAddress = new Uri($"http://{ModelServerNames.Kobert}/"))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler().Configure(Configure);
#pragma warning restore EXTEXP0001
    }

    public static ModelServerClient Resolve(IServiceProvider services, string model) => model switch
    {
        ModelServerNames.FastText => services.GetRequiredService<FastTextClient>(),
        ModelServerNames.Kobert => services.GetRequiredService<KobertClient>(),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model server"),
    };

    /// <summary>Whether the service-discovery contract names an address for the server.</summary>
    public static bool IsConfigured(IConfiguration configuration, string model) =>
        configuration.GetSection($"services:{model}").GetChildren().Any();

    private static void Configure(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        // The whole call fits in the analysis budget: a dead server costs a request little, and after a few
        // failures none at all until the breaker lets one call through to see whether it is back.
        var options = services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
        resilience.TotalRequestTimeout.Timeout = options.ModelTimeout;
        resilience.AttemptTimeout.Timeout = options.ModelTimeout / 2;
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(50);
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(10, options.ModelTimeout.TotalSeconds * 2));
        resilience.CircuitBreaker.MinimumThroughput = 4;
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.BreakDuration = options.BreakDuration;
    }
}
