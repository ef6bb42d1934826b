using System.Text.Json;
using AppHost.Tests;

namespace Integration.Tests;

/// <summary>FilterApi's event queue while Redis is away: requests are still answered, and a full queue is said, never silent.</summary>
public sealed class EventQueueTests
{
    [Fact]
    public async Task AFullEventQueueDropsEventsCountedOnMetricsAndHealthWhileRequestsAreStillAnswered()
    {
        await using var graph = await TestGraph.StartAsync(filterApiReplicas: 1, builder =>
            GraphEnvironment.Set(builder, "filterapi", ("Events__QueueCapacity", "1000")), "filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = await gateway.IssueKeyAsync();
        Assert.Equal("Healthy", Check(await gateway.HealthAsync(), "events"));

        await graph.StopResourceAsync("redis");
        // 600 abusive requests make 1,800 events (request, word, abuse): more than the queue holds.
        for (var i = 0; i < 600; i++)
        {
            Assert.Equal(2000, (await gateway.FilterAsync(key.Key, "f.u.c.k")).Code);
        }

        var health = await gateway.HealthAsync();
        var events = health.GetProperty("checks").GetProperty("events");
        Assert.Equal("Degraded", events.GetProperty("status").GetString());
        var dropped = events.GetProperty("data").GetProperty("dropped").GetInt64();
        Assert.True(dropped > 0, events.GetRawText());

        // The same number on /metrics (summed over the streams it is labelled with).
        var metrics = await gateway.Http.GetStringAsync("/metrics");
        var counted = metrics.Split('\n')
            .Where(l => l.StartsWith("moderation_events_dropped_total", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(dropped, (long)counted);

        await graph.StartResourceAsync("redis");
    }

    private static string? Check(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
}
