using FilterApi.Http;
using FilterApi.Infrastructure;
using FilterApi.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FilterApi.Auth;

internal static class AuthExtensions
{
    /// <summary>
    /// Authentication of public requests. Keys come from MySQL when <c>ConnectionStrings:filterdb</c> is set, else
    /// from <c>Auth:ApiKeys</c>; rate limits and replay protection are shared through Redis when
    /// <c>ConnectionStrings:redis</c> is set, else held in this process.
    /// </summary>
    public static void AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisFallback>();
        builder.Services.AddSingleton<InProcessRateLimiter>();
        builder.Services.AddSingleton<ReplayGuard>();
        builder.Services.AddSingleton<RequestSignatureVerifier>();
        builder.Services.AddSingleton<UnknownKeyLimit>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddSingleton<RequestAdmission>();

        if (builder.Configuration.GetConnectionString(InfrastructureExtensions.RedisName) is { Length: > 0 })
        {
            builder.Services.AddSingleton<IRequestRateLimiter, RedisRateLimiter>();
            builder.Services.AddHealthChecks().AddCheck<RedisFallback>("redis-fallback");
        }
        else
        {
            builder.Services.AddSingleton<IRequestRateLimiter>(sp => sp.GetRequiredService<InProcessRateLimiter>());
        }

        if (builder.Configuration.GetConnectionString(InfrastructureExtensions.FilterDbName) is { Length: > 0 })
        {
            builder.AddDatabaseKeys();
        }
        else
        {
            builder.Services.AddSingleton<IApiKeyStore, ConfigurationApiKeyStore>();
        }
    }
}
