using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis for every service that uses it, through Aspire's client integration (the multiplexer, its tracing and
/// logging) with the options our services need, and reported on <c>/health</c> as <c>redis</c>.
/// </summary>
public static class RedisClientExtensions
{
    /// <summary>The resource name, and so the connection string's name: <c>ConnectionStrings__redis</c>.</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// Registers <see cref="IConnectionMultiplexer"/> when <c>ConnectionStrings:redis</c> is set
    /// (<c>host:port</c>, optionally <c>,password=…</c>). A configured Redis that is down is reported unhealthy,
    /// never replaced by the embedded default.
    /// </summary>
    /// <returns>Whether Redis is configured; without it a service runs on its embedded defaults.</returns>
    public static bool AddRedisClientIfConfigured(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            return false;
        }

        builder.AddRedisClient(
            ConnectionName,
            // The integration's check is named "StackExchange.Redis"; probes and tests know it as "redis" (below).
            settings => settings.DisableHealthChecks = true,
            options =>
            {
                options.AbortOnConnectFail = false; // start even while Redis is down; reconnect in the background
                // While disconnected, fail at once so callers use their fallback, rather than queue behind a dead link.
                options.BacklogPolicy = BacklogPolicy.FailFast;
                options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
                options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
            });
        builder.Services.AddHealthChecks()
            .AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), ConnectionName, timeout: TimeSpan.FromSeconds(3));
        return true;
    }
}
