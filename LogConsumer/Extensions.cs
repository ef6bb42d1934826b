using LogConsumer.Consuming;
using LogConsumer.Expiry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LogConsumer;

internal static class Extensions
{
    /// <summary>Redis and filterdb (both required: this worker exists to move one into the other), the consumer and the expiry job.</summary>
    public static void AddConsumerServices(this IHostApplicationBuilder builder)
    {
        if (!builder.AddRedisClientIfConfigured())
        {
            throw new InvalidOperationException($"ConnectionStrings:{RedisClientExtensions.ConnectionName} is required (the AppHost sets it)");
        }

        var filterDb = builder.Configuration.GetConnectionString(FilterDbClientExtensions.ConnectionName);
        if (filterDb is null || !builder.AddFilterDbContextIfConfigured())
        {
            throw new InvalidOperationException($"ConnectionStrings:{FilterDbClientExtensions.ConnectionName} is required (the AppHost sets it)");
        }

        builder.Services.AddSingleton(new StatisticsWriter(filterDb));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddOptions<ConsumerOptions>().BindConfiguration(ConsumerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConsumerGroup>();
        builder.Services.AddSingleton<EventStreamConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventStreamConsumer>());
        builder.Services.AddHealthChecks().AddCheck<EventStreamConsumer>("consumer");

        builder.Services.AddOptions<KeyExpiryOptions>().BindConfiguration(KeyExpiryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<KeyExpiryJob>();

        // Finish the batch in hand on shutdown, within this.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
    }
}
