using FilterApi.Auth;
using FilterApi.Callbacks;
using FilterApi.Filtering;
using Moderation.Engine;

namespace FilterApi;

internal static class Extensions
{
    /// <summary>Registers everything the API needs: the engine, authentication, rate limits and callbacks.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        builder.Services.AddOptions<FilterOptions>().BindConfiguration(FilterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Built at start-up, not on the first request, so no client pays for compiling the lexicon.
        builder.Services.AddSingleton(new EngineHolder(ModerationEngine.CreateDefault()));
        builder.Services.AddSingleton<FilterService>();
        builder.Services.AddSingleton<FilterMetrics>();
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");

        builder.AddEmbeddedAuth();
        builder.AddCallbacks();
    }
}
