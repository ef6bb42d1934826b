using Microsoft.Extensions.Options;
using Moderation.Engine.Scoring;
using Moderation.ModelServers;

namespace FilterApi.Analysis;

internal static class AnalysisExtensions
{
    /// <summary>The ML tier: model clients, their batchers, the combiner and the analysis behind /analyze and /predict.</summary>
    public static void AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddModelClients();
        builder.Services.AddSingleton<AnalysisMetrics>();
        builder.Services.AddSingleton(services => TierCombiner.CreateDefault().WithThresholds(
            services.GetRequiredService<IOptions<AnalysisOptions>>().Value.Thresholds.ToDictionary(
                t => t.Key, t => new TargetThresholds(t.Value.Chat, t.Value.Community), StringComparer.Ordinal)));
        builder.Services.AddSingleton(sp => new ModelTiers(Tier(sp, ModelServerNames.FastText), Tier(sp, ModelServerNames.Kobert)));
        builder.Services.AddSingleton<AnalysisService>();
        builder.Services.AddHealthChecks().AddCheck<ModelServersHealthCheck>("model-servers");
    }

    private static ModelTier Tier(IServiceProvider services, string model)
    {
        var batcher = ModelClients.IsConfigured(services.GetRequiredService<IConfiguration>(), model)
            ? new ModelBatcher(model, () => ModelClients.Resolve(services, model), services.GetRequiredService<IOptions<AnalysisOptions>>(),
                services.GetRequiredService<AnalysisMetrics>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<ModelBatcher>())
            : null;
        return new ModelTier(model, batcher, services.GetRequiredService<AnalysisMetrics>(), services.GetRequiredService<ILogger<ModelTier>>());
    }
}
