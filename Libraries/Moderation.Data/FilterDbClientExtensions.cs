using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Data;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// filterdb for every service that uses it, in the shape of Aspire's Pomelo integration (<c>AddMySqlDbContext</c>,
/// which the package source does not serve): the context with retries on transient failures, a health check,
/// and MySqlConnector's traces and metrics.
/// </summary>
public static class FilterDbClientExtensions
{
    /// <summary>The database resource's name, and so the connection string's name: <c>ConnectionStrings__filterdb</c>.</summary>
    public const string ConnectionName = "filterdb";

    /// <summary>The health check's name on <c>/health</c>.</summary>
    public const string HealthCheckName = "mysql";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{FilterDbContext}"/> (and a scoped <see cref="FilterDbContext"/>) when
    /// <c>ConnectionStrings:filterdb</c> is set. The SQL dialect is <c>Database:ServerVersion</c>, by default
    /// <see cref="FilterDb.DefaultServerVersion"/>. A configured database that is down is reported unhealthy.
    /// </summary>
    /// <returns>Whether filterdb is configured.</returns>
    public static bool AddFilterDbContextIfConfigured(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ConnectionName) is not { Length: > 0 } connectionString)
        {
            return false;
        }

        var serverVersion = builder.Configuration["Database:ServerVersion"] ?? FilterDb.DefaultServerVersion;
        builder.Services.AddDbContextFactory<FilterDbContext>(db => db.UseFilterDb(connectionString, serverVersion));

        // A connection and SELECT 1 rather than Aspire's AddDbContextCheck: that one goes through the retrying
        // execution strategy, so a refused connection would be reported only when the check times out.
        builder.Services.AddHealthChecks()
            .Add(new(HealthCheckName, _ => new MySqlHealthCheck(connectionString), null, null, TimeSpan.FromSeconds(3)));

        // MySqlConnector traces every command (EF Core's and the raw SQL of the statistics writer) and meters its pool.
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("MySqlConnector"))
            .WithMetrics(metrics => metrics.AddMeter("MySqlConnector"));
        return true;
    }
}
