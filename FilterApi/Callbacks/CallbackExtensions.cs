using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

internal static class CallbackExtensions
{
    public static void AddCallbacks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CallbackNetworkPolicy>();
        builder.Services.AddSingleton<CallbackSpool>();
        builder.Services.AddSingleton<CallbackDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CallbackDispatcher>());

        // The defaults every other client gets do not fit here. The dispatcher retries with its own backoff per job;
        // the shared resilience handler would retry again, and its circuit breaker would let one dead receiver stop
        // delivery to every other. Service discovery would read a client's host name as one of our own services.
        builder.Services.AddHttpClient(CallbackDispatcher.HttpClientName)
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear())
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<CallbackNetworkPolicy>().ConnectAsync,
                AllowAutoRedirect = false, // a redirect could point inward; receivers must answer the URL they gave
                UseProxy = false, // a proxy would make the connection, and the address checks, somewhere else
                MaxResponseHeadersLength = sp.GetRequiredService<IOptions<CallbackOptions>>().Value.MaxResponseHeadersKiB,
            });
    }
}
