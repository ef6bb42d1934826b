using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AppHost.Tests;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using StackExchange.Redis;

namespace Integration.Tests;

/// <summary>One FilterApi and one LogConsumer on real Redis and MariaDB, for the tests that stop, kill or lock them.</summary>
public sealed class DurabilityFixture : IAsyncLifetime
{
    internal TestGraph Graph { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Graph = await TestGraph.StartAsync(filterApiReplicas: 1, logConsumerReplicas: 1, configure: null, "filterapi", "logconsumer");

    public async Task DisposeAsync() => await Graph.DisposeAsync();
}

/// <summary>
/// What a 2000 answer counted survives a SIGKILL of FilterApi; aggregated and old single-word entries both count once;
/// a read-only database is waited out, not dead-lettered; dead letters replayed by an operator count once.
/// </summary>
public sealed class DurabilityTests(DurabilityFixture fixture) : IClassFixture<DurabilityFixture>
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task EveryAnsweredRequestIsCountedAfterFilterApiIsKilledMidLoad()
    {
        var graph = fixture.Graph;
        var served = new Served();
        var unanswered = new StrongBox<long>();
        string word;
        IssuedKey key;
        using (var gateway = new Gateway(graph, "filterapi"))
        {
            key = await gateway.IssueKeyAsync(name: "sigkill");
            word = await Load.AddUniqueWordAsync(gateway, gateway, key, served);
            var before = served.Requests;
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(Enumerable.Range(0, 16).Select(i => AnsweredOnlyAsync(gateway.Http, key, word, i, served, unanswered, stop.Token)));
            var clock = Stopwatch.StartNew();
            while (served.Requests < before + 500 && clock.Elapsed < CatchUp)
            {
                await Task.Delay(20);
            }

            var victim = graph.ProcessIdOf("filterapi") ?? throw new InvalidOperationException("filterapi is not running");
            Process.GetProcessById(victim).Kill(); // SIGKILL under load: no shutdown, nothing flushed
            using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await graph.App.ResourceNotifications.WaitForResourceAsync("filterapi", [KnownResourceStates.Exited, KnownResourceStates.Finished], exited.Token);
            }

            await stop.CancelAsync();
            await load;
        }

        await graph.StartResourceAsync("filterapi");
        using var restarted = new Gateway(graph, "filterapi");
        await Load.RunAsync(restarted, restarted, [key], word, 200, served);

        // Every answered request is counted. A request whose events were made durable just before the kill, and
        // whose answer the kill then swallowed, is counted too: at most the requests left without an answer.
        var answered = served.PerKey[key.Id].Requests;
        var catchUp = Stopwatch.StartNew();
        long counted = 0;
        while (catchUp.Elapsed < CatchUp && (counted = await CountedRequestsAsync(restarted, key.Id)) < answered)
        {
            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // a redelivery counted twice would show up now
        counted = await CountedRequestsAsync(restarted, key.Id);
        Assert.InRange(counted, answered, answered + unanswered.Value);
    }

    private static async Task<long> CountedRequestsAsync(Gateway admin, string keyId)
    {
        using var response = await admin.AdminAsync(HttpMethod.Get, $"/api/v1/admin/stats/keys/{keyId}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requests").GetInt64() : 0;
    }

    [Fact]
    public async Task OldSingleWordEntriesAndAggregatedOnesAreEachCountedOnce()
    {
        var word = "zqold" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.Graph.GetConnectionStringAsync("redis"));
        var database = redis.GetDatabase();
        for (var i = 0; i < 3; i++)
        {
            // As FilterApi wrote them before it aggregated: one entry per hit.
            await database.StreamAddAsync("badword-log", "data", Event(new()
            {
                ["type"] = "badword",
                ["eventId"] = Guid.CreateVersion7(),
                ["at"] = DateTime.UtcNow,
                ["trackingId"] = Guid.NewGuid(),
                ["keyId"] = "old-entries",
                ["word"] = word,
                ["lang"] = "en",
                ["category"] = "insult",
                ["severity"] = 2,
            }));
        }

        var aggregated = Event(new()
        {
            ["type"] = "badwords",
            ["eventId"] = Guid.CreateVersion7(),
            ["at"] = DateTime.UtcNow,
            ["trackingId"] = Guid.NewGuid(),
            ["keyId"] = "new-entries",
            ["words"] = new[] { new Dictionary<string, object> { ["word"] = word, ["lang"] = "en", ["category"] = "insult", ["severity"] = 2, ["count"] = 5 } },
        });
        await database.StreamAddAsync("badword-log", "data", aggregated);
        await database.StreamAddAsync("badword-log", "data", aggregated); // a resend: the same event id

        using var gateway = new Gateway(fixture.Graph, "filterapi");
        await WaitForWordCountAsync(gateway, word, 8);
    }

    [Fact]
    public async Task AReadOnlyDatabaseIsWaitedOutAndItsEntriesAreCountedOnceItIsWritableAgain()
    {
        var keyId = $"ro_{Guid.NewGuid():N}"[..20];
        using var gateway = new Gateway(fixture.Graph, "filterapi");
        using var consumer = fixture.Graph.CreateHttpClient("logconsumer");
        (await gateway.AdminAsync(HttpMethod.Get, "/api/v1/admin/deadletters?count=1")).Dispose(); // logged in while the database takes writes
        await RootSqlAsync("SET GLOBAL read_only = ON;");
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.Graph.GetConnectionStringAsync("redis"));
            await redis.GetDatabase().StreamAddAsync("filter-log", "data", HandMadeEvents.Request(keyId));

            // LogConsumer says it is retrying (ER_OPTION_PREVENTS_STATEMENT), rather than setting the entry aside.
            var clock = Stopwatch.StartNew();
            while (await HealthStatusAsync(consumer) == "Healthy")
            {
                Assert.True(clock.Elapsed < CatchUp, "LogConsumer never reported the read-only database");
                await Task.Delay(200);
            }

            Assert.DoesNotContain(await DeadLettersAsync(gateway), l => l.Contains(keyId, StringComparison.Ordinal));
        }
        finally
        {
            await RootSqlAsync("SET GLOBAL read_only = OFF;");
        }

        var served = new Served();
        served.PerKey[keyId] = (1, 0);
        await Load.AssertCountedExactlyAsync(gateway, served, "no-such-word", CatchUp);
        Assert.DoesNotContain(await DeadLettersAsync(gateway), l => l.Contains(keyId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadLettersReplayedByAnOperatorAreCountedOnceWithTheirOriginalEventIds()
    {
        var keyId = $"dl_{Guid.NewGuid():N}"[..20];
        var payload = HandMadeEvents.Request(keyId);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.Graph.GetConnectionStringAsync("redis")))
        {
            // The same event set aside twice (by two consumers, say): replayed, it still counts once.
            for (var i = 0; i < 2; i++)
            {
                await redis.GetDatabase().StreamAddAsync("dead-letter",
                [
                    new NameValueEntry("stream", "filter-log"), new NameValueEntry("entryId", "1-0"), new NameValueEntry("error", "not counted: a fixed bug"),
                    new NameValueEntry("original.data", payload),
                ]);
            }
        }

        using var gateway = new Gateway(fixture.Graph, "filterapi");
        using var response = await gateway.AdminAsync(HttpMethod.Post, "/api/v1/admin/deadletters/replay");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32() >= 2);
        Assert.DoesNotContain(await DeadLettersAsync(gateway), l => l.Contains(keyId, StringComparison.Ordinal));

        var served = new Served();
        served.PerKey[keyId] = (1, 0);
        await Load.AssertCountedExactlyAsync(gateway, served, "no-such-word", CatchUp);
    }

    /// <summary>Filter requests until stopped; only those answered 2000 are counted as served (the rest got no answer).</summary>
    private static async Task AnsweredOnlyAsync(
        HttpClient http, IssuedKey key, string word, int worker, Served served, StrongBox<long> unanswered, CancellationToken stop)
    {
        for (var i = worker; !stop.IsCancellationRequested; i += 16)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = JsonContent.Create(new { text = i % 5 < 2 ? $"you {word} now" : "hello there", mode = "NORMAL" }) };
                request.Headers.Add("x-api-key", key.Key);
                using var response = await http.SendAsync(request, stop);
                var json = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                if (response.IsSuccessStatusCode && json.GetProperty("status").GetProperty("code").GetInt32() == 2000)
                {
                    served.Add(key.Id, new FilterAnswer(2000, "", [.. json.GetProperty("detected").EnumerateArray().Select(d => d.GetProperty("filteredWord").GetString()!)], null), word);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException or InvalidOperationException)
            {
                // No answer, or not a whole one: not served, though the server may have counted it.
                Interlocked.Increment(ref unanswered.Value);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task WaitForWordCountAsync(Gateway gateway, string word, long expected)
    {
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed < CatchUp)
        {
            using var words = await gateway.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/words?lang=en&top=1000");
            count = (await words.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Where(w => w.GetProperty("word").GetString() == word).Select(w => w.GetProperty("count").GetInt64()).FirstOrDefault();
            if (count == expected)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // a resend counted twice would show up now
                break;
            }

            await Task.Delay(500);
        }

        using var last = await gateway.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/words?lang=en&top=1000");
        count = (await last.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(w => w.GetProperty("word").GetString() == word).Select(w => w.GetProperty("count").GetInt64()).FirstOrDefault();
        Assert.Equal(expected, count);
    }

    private static async Task<string?> HealthStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }

    private static async Task<List<string>> DeadLettersAsync(Gateway gateway)
    {
        using var response = await gateway.AdminAsync(HttpMethod.Get, "/api/v1/admin/deadletters?count=1000");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(l => l.GetRawText())];
    }

    /// <summary>As MariaDB's root, which logs in only through the server's own socket (the services' account cannot change globals).</summary>
    private async Task RootSqlAsync(string sql)
    {
        var socket = Path.Combine(fixture.Graph.StateDirectoryOf("mysql"), "mysqld.sock");
        using var client = Process.Start(new ProcessStartInfo("mariadb", ["--no-defaults", $"--socket={socket}", "-uroot", "-e", sql])
        { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await client.StandardError.ReadToEndAsync();
        await client.WaitForExitAsync();
        Assert.True(client.ExitCode == 0, error);
    }

    private static string Event(Dictionary<string, object> fields) => JsonSerializer.Serialize(fields);
}
