namespace FilterApi.Auth;

internal static class AuthExtensions
{
    /// <summary>The embedded defaults: keys from configuration and an in-process rate limiter.</summary>
    public static void AddEmbeddedAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IApiKeyStore, ConfigurationApiKeyStore>();
        builder.Services.AddSingleton<IRequestRateLimiter, InProcessRateLimiter>();
    }
}
