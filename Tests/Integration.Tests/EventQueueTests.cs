using System.Text.Json;
using AppHost.Tests;

namespace Integration.Tests;

/// <summary>
/// FilterApi's events while Redis is away: requests are still answered, their events wait in the local journal and
/// are counted once Redis is back; only a full journal drops events, and that is said, never silent.
/// </summary>
public sealed class EventQueueTests
{
    [Fact]
    public async Task RequestsAnsweredWhileRedisIsDownAreJournaledNotDroppedAndCountedExactlyOnceItIsBack()
    {
        await using var graph = await TestGraph.StartAsync(filterApiReplicas: 1, logConsumerReplicas: 1, configure: null, "filterapi", "logconsumer");
        using var gateway = new Gateway(graph, "filterapi");
        var key = await gateway.IssueKeyAsync();
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(gateway, gateway, key, served);

        await graph.StopResourceAsync("redis");
        await Load.RunAsync(gateway, gateway, [key], word, 600, served); // 1,680 events: more than a tiny queue would hold
        var events = (await gateway.HealthAsync()).GetProperty("checks").GetProperty("events");
        Assert.Equal("Degraded", events.GetProperty("status").GetString()); // in the journal, waiting for Redis
        Assert.Equal(0, Dropped(await gateway.Http.GetStringAsync("/metrics")));

        await graph.StartResourceAsync("redis");
        await Load.AssertCountedExactlyAsync(gateway, served, word, TimeSpan.FromMinutes(2));
        Assert.Equal(0, Dropped(await gateway.Http.GetStringAsync("/metrics")));
    }

    [Fact]
    public async Task AFullJournalDropsEventsCountedOnMetricsAndHealthWhileRequestsAreStillAnswered()
    {
        await using var graph = await TestGraph.StartAsync(filterApiReplicas: 1, builder =>
            GraphEnvironment.Set(builder, "filterapi", ("Events__JournalMaxBytes", "4096")), "filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = await gateway.IssueKeyAsync();
        Assert.Equal("Healthy", Check(await gateway.HealthAsync(), "events"));

        await graph.StopResourceAsync("redis");
        // 100 abusive requests make 300 events (request, words, abuse): far more than 4 KiB of journal holds.
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(2000, (await gateway.FilterAsync(key.Key, "f.u.c.k")).Code);
        }

        Assert.Equal("Degraded", Check(await gateway.HealthAsync(), "events"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Dropped(await gateway.Http.GetStringAsync("/metrics")) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no drop counted on /metrics");
            await Task.Delay(200); // the exporter collects periodically
        }

        await graph.StartResourceAsync("redis");
    }

    /// <summary>Dropped events on /metrics, summed over the streams they are labelled with.</summary>
    private static long Dropped(string metrics) => (long)metrics.Split('\n')
        .Where(l => l.StartsWith("moderation_events_dropped_total", StringComparison.Ordinal))
        .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

    private static string? Check(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
}
