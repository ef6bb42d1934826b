using FilterApi.Infrastructure;

namespace FilterApi.Events;

internal static class EventExtensions
{
    /// <summary>Events to Redis Streams when Redis is configured, otherwise to the log.</summary>
    public static void AddEvents(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(InfrastructureExtensions.RedisName) is { Length: > 0 })
        {
            builder.Services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            builder.Services.AddSingleton<EventJournal>();
            builder.Services.AddSingleton<RedisEventPublisher>();
            builder.Services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<RedisEventPublisher>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisEventPublisher>());
            builder.Services.AddHostedService<JournalReplayer>();
            builder.Services.AddHealthChecks().AddCheck<RedisEventPublisher>("events");
        }
        else
        {
            builder.Services.AddSingleton<IEventPublisher, LogEventPublisher>();
        }
    }
}
