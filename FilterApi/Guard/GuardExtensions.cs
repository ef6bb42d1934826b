using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FilterApi.Guard;

internal static class GuardExtensions
{
    /// <summary>
    /// The chat guard: its options, the checks, and the upstream client from <c>ConnectionStrings:llm</c> (else the
    /// Ollama of <c>ConnectionStrings:ollama</c>); a malformed connection string stops start-up, none at all makes
    /// the guard answer 503. Needs the scanning and LLM tiers.
    /// </summary>
    public static void AddGuard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GuardOptions>().BindConfiguration(GuardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IGuardChecks, RiskDetectorChecks>();
        builder.Services.AddSingleton<GuardInspector>();
        if (!GuardUpstream.TryResolve(builder.Configuration, out var upstream, out var error))
        {
            throw new InvalidOperationException(error);
        }

        // As for the LLM judge: the shared resilience handler's retries and 30 s total timeout would repeat or cut
        // a model call that streams for minutes; Guard:UpstreamTimeout and the client's own cancellation govern it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults
        builder.Services.AddHttpClient(UpstreamClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton(services => new UpstreamClient(services.GetRequiredService<IHttpClientFactory>(), upstream));
    }
}
