using FilterApi.Admin;
using FilterApi.Analysis;
using FilterApi.Auth;
using FilterApi.Callbacks;
using FilterApi.Events;
using FilterApi.Filtering;
using FilterApi.Guard;
using FilterApi.Infrastructure;
using FilterApi.Llm;
using FilterApi.Scanning;
using Moderation.Engine;

namespace FilterApi;

internal static class Extensions
{
    private const string WarmUpText = "아 진짜 시1발 ㅅㅣㅂㅏㄹ f.u.c.k sh1t ｆｕｃｋ 操你媽 😀 Scunthorpe";

    /// <summary>Registers everything the API needs: the engine, authentication, rate limits, the admin API and callbacks.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer(AdminOpenApi.AddBearerSchemeAsync));

        builder.Services.AddOptions<FilterOptions>().BindConfiguration(FilterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Built and exercised at start-up, so no client pays for compiling the lexicon or JIT-compiling the scan.
        var engine = ModerationEngine.CreateDefault();
        ModerationEngine.Mask(WarmUpText, engine.Detect(WarmUpText));
        builder.Services.AddSingleton(new EngineHolder(engine));
        builder.Services.AddSingleton<FilterService>();
        builder.Services.AddSingleton<FilterMetrics>();
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");

        builder.AddInfrastructure();
        builder.AddEvents();
        builder.AddApiKeyAuthentication();
        builder.AddAdministration();
        builder.AddCallbacks();
        builder.AddAnalysis();
        builder.AddLlmJudge();
        builder.AddScanning();
        builder.AddGuard();
    }
}
