using FilterApi.Infrastructure;
using FilterApi.Keys;
using FilterApi.Lexicons;
using FilterApi.Scanning;
using FilterApi.Statistics;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace FilterApi.Admin;

internal static class AdminExtensions
{
    /// <summary>Whether the admin API is on: it needs the database (<c>ConnectionStrings:filterdb</c>).</summary>
    public static bool HasAdministration(this IConfiguration configuration) =>
        configuration.GetConnectionString(InfrastructureExtensions.FilterDbName) is { Length: > 0 };

    /// <summary>
    /// The admin API and what it needs: schema migration and the first admin at start-up, operator tokens, and live
    /// lexicon overrides.
    /// </summary>
    public static void AddAdministration(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.HasAdministration())
        {
            return;
        }

        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LexiconSyncOptions>().BindConfiguration(LexiconSyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AdminAccounts>();
        builder.Services.AddSingleton<AdminTokens>();
        builder.Services.AddSingleton<LoginLimits>();
        builder.Services.AddSingleton<ServiceSecrets>();
        builder.Services.AddSingleton<LexiconSynchronizer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LexiconSynchronizer>());
        builder.Services.AddScoped<LexiconAdminService>();
        builder.Services.AddScoped<StatisticsService>();
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseInitializer>("filterdb-schema");

        // Not the default scheme: public endpoints carry API keys in "Authorization: Bearer", which are no JWTs.
        builder.Services.AddAuthentication().AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<AdminTokens>((jwt, tokens) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = tokens.ValidationParameters();
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminEndpoints.Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireRole(AdminTokens.Role));
    }

    public static void MapAdministration(this WebApplication app)
    {
        if (!app.Configuration.HasAdministration())
        {
            return;
        }

        app.MapAdminEndpoints();
        app.MapKeyEndpoints();
        app.MapLexiconEndpoints();
        app.MapStatisticsEndpoints();
        app.MapPlaygroundEndpoints();
    }
}
