using StackExchange.Redis;

namespace FilterApi.Infrastructure;

internal static class InfrastructureExtensions
{
    /// <summary>
    /// Connects to Redis and MySQL when their connection strings are configured (the Aspire contract:
    /// <c>ConnectionStrings__redis</c>, <c>ConnectionStrings__filterdb</c>) and reports them on <c>/health</c>.
    /// Without them FilterApi runs on its embedded defaults. A configured one that is down is reported
    /// unhealthy, never silently replaced.
    /// </summary>
    public static void AddInfrastructure(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even while Redis is down; reconnect in the background
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(3));
        }

        if (builder.Configuration.GetConnectionString("filterdb") is { Length: > 0 } filterDb)
        {
            builder.Services.AddHealthChecks().Add(new("mysql", _ => new MySqlHealthCheck(filterDb), null, null, TimeSpan.FromSeconds(3)));
        }
    }
}
