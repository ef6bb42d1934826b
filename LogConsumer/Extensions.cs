using LogConsumer.Consuming;
using LogConsumer.Expiry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moderation.Data;
using StackExchange.Redis;

namespace LogConsumer;

internal static class Extensions
{
    /// <summary>Redis and filterdb (both required: this worker exists to move one into the other), the consumer and the expiry job.</summary>
    public static void AddConsumerServices(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("ConnectionStrings:redis is required (the AppHost sets it)");
        var filterDb = builder.Configuration.GetConnectionString("filterdb")
            ?? throw new InvalidOperationException("ConnectionStrings:filterdb is required (the AppHost sets it)");

        var redisOptions = ConfigurationOptions.Parse(redis);
        redisOptions.AbortOnConnectFail = false; // start while Redis is down; reconnect in the background
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));

        var serverVersion = builder.Configuration["Database:ServerVersion"] ?? FilterDb.DefaultServerVersion;
        builder.Services.AddDbContextFactory<FilterDbContext>(db => db.UseFilterDb(filterDb, serverVersion));
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
