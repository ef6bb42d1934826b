using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace FilterApi.Infrastructure;

internal static class InfrastructureExtensions
{
    public const string RedisName = RedisClientExtensions.ConnectionName;
    public const string FilterDbName = FilterDbClientExtensions.ConnectionName;

    /// <summary>
    /// Connects to Redis and MySQL when their connection strings are configured (the Aspire contract:
    /// <c>ConnectionStrings__redis</c>, <c>ConnectionStrings__filterdb</c>) and reports them on <c>/health</c>.
    /// Without them FilterApi runs on its embedded defaults. A configured one that is down is reported
    /// unhealthy, never silently replaced.
    /// </summary>
    public static void AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("moderation-gateway");

        if (builder.AddRedisClientIfConfigured())
        {
            // One key ring for every replica, kept apart from the MySQL rows it encrypts.
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, multiplexer) =>
                keys.XmlRepository = new RedisXmlRepository(() => multiplexer.GetDatabase(), RedisNames.DataProtectionKeys));
        }

        builder.AddFilterDbContextIfConfigured();
    }
}
