using AppHost.Tests;

namespace Integration.Tests;

/// <summary>The expiry job in LogConsumer, with windows of seconds instead of days.</summary>
public sealed class KeyExpiryTests
{
    [Fact]
    public async Task AKeyUnusedLongerThanTheWindowIsRefusedByEveryReplicaAfterTheJobRunsWhileAKeyInUseIsNot()
    {
        await using var graph = await TestGraph.StartAsync(filterApiReplicas: 2, logConsumerReplicas: 1, builder =>
            GraphEnvironment.Set(builder, "",
                ("KeyExpiry__UnusedFor", "00:00:06"),
                ("KeyExpiry__Interval", "00:00:01"),
                ("Keys__LastUsedFlushInterval", "00:00:01")),
            "filterapi", "filterapi-2", "logconsumer");
        using var first = new Gateway(graph, "filterapi");
        using var second = new Gateway(graph, "filterapi-2");

        var idle = await first.IssueKeyAsync(name: "idle");
        var busy = await first.IssueKeyAsync(name: "busy");
        // Both replicas hold both keys in their caches from here on.
        foreach (var gateway in new[] { first, second })
        {
            Assert.Equal(2000, (await gateway.FilterAsync(idle.Key, "hello")).Code);
            Assert.Equal(2000, (await gateway.FilterAsync(busy.Key, "hello")).Code);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refusedBy = new HashSet<string>();
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && refusedBy.Count < 2)
        {
            // The busy key is used all along (its last use reaches MySQL every second) and must stay valid.
            Assert.Equal(2000, (await first.FilterAsync(busy.Key, "hello")).Code);
            Assert.Equal(2000, (await second.FilterAsync(busy.Key, "hello")).Code);
            await Task.Delay(300);
            if (clock.Elapsed > TimeSpan.FromSeconds(8))
            {
                foreach (var (name, gateway) in new[] { ("filterapi", first), ("filterapi-2", second) })
                {
                    var answer = await gateway.FilterAsync(idle.Key, "hello");
                    if (answer.Code == 4030)
                    {
                        Assert.Equal("API key has expired", answer.Detail);
                        refusedBy.Add(name);
                    }
                }
            }
        }

        Assert.Equal(2, refusedBy.Count);
        using var shown = await first.AdminAsync(HttpMethod.Get, $"/api/v1/admin/keys/{idle.Id}");
        Assert.Contains("\"status\":\"EXPIRED\"", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var audit = await first.AdminAsync(HttpMethod.Get, "/api/v1/admin/audit?action=key.expired");
        Assert.Contains(idle.Id, await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
