using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Moderation.Data;
using StackExchange.Redis;

namespace FilterApi.Infrastructure;

internal static class InfrastructureExtensions
{
    public const string RedisName = "redis";
    public const string FilterDbName = "filterdb";

    /// <summary>
    /// Connects to Redis and MySQL when their connection strings are configured (the Aspire contract:
    /// <c>ConnectionStrings__redis</c>, <c>ConnectionStrings__filterdb</c>) and reports them on <c>/health</c>.
    /// Without them FilterApi runs on its embedded defaults. A configured one that is down is reported
    /// unhealthy, never silently replaced.
    /// </summary>
    public static void AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("moderation-gateway");

        if (builder.Configuration.GetConnectionString(RedisName) is { Length: > 0 } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even while Redis is down; reconnect in the background
            // While disconnected, fail at once so callers use their fallback, rather than queue behind a dead link.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
            options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(3));

            // One key ring for every replica, kept apart from the MySQL rows it encrypts.
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, multiplexer) =>
                keys.XmlRepository = new RedisXmlRepository(() => multiplexer.GetDatabase(), RedisNames.DataProtectionKeys));
        }

        if (builder.Configuration.GetConnectionString(FilterDbName) is { Length: > 0 } filterDb)
        {
            var serverVersion = builder.Configuration["Database:ServerVersion"] ?? FilterDb.DefaultServerVersion;
            builder.Services.AddDbContextFactory<FilterDbContext>(db => db.UseFilterDb(filterDb, serverVersion));
            builder.Services.AddHealthChecks().Add(new("mysql", _ => new MySqlHealthCheck(filterDb), null, null, TimeSpan.FromSeconds(3)));
        }
    }
}
