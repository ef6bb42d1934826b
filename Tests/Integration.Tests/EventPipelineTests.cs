using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using StackExchange.Redis;

namespace Integration.Tests;

/// <summary>Requests served = requests counted: through consumer crashes, two consumers, a MySQL outage and a Redis restart.</summary>
[Collection(PipelineTests.Name)]
public sealed class EventPipelineTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task FiveThousandRequestsAreCountedExactlyByTwoConsumersWhileOneIsKilledMidLoad()
    {
        var keys = await IssueKeysAsync(3);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);
        var probes = served.Requests;

        var load = Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 5000, served);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await pipeline.Graph.GetConnectionStringAsync("redis"));
        // Both consumers of the group take entries (Redis lists a consumer once it has been given some).
        var consumers = Array.Empty<StreamConsumerInfo>();
        for (var attempt = 0; attempt < 100 && consumers.Length < 2; attempt++)
        {
            await Task.Delay(50);
            consumers = await redis.GetDatabase().StreamConsumerInfoAsync("filter-log", "statistics");
        }

        Assert.True(consumers.Length >= 2, $"only {consumers.Length} consumer took entries");
        var victim = pipeline.Graph.ProcessIdOf("logconsumer") ?? throw new InvalidOperationException("logconsumer is not running");
        System.Diagnostics.Process.GetProcessById(victim).Kill(); // SIGKILL: no chance to finish or acknowledge its batch
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await pipeline.Graph.App.ResourceNotifications.WaitForResourceAsync("logconsumer", [KnownResourceStates.Exited, KnownResourceStates.Finished], exited.Token);
        }

        // Aspire does not restart a crashed process: the operator's Start in the dashboard (a pod's restart in Kubernetes) does.
        await pipeline.Graph.StartResourceAsync("logconsumer");
        Assert.NotEqual(victim, pipeline.Graph.ProcessIdOf("logconsumer"));
        await load;

        Assert.Equal(5000, served.Requests - probes);
        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);
    }

    [Fact]
    public async Task AnEntryMySqlRefusesGoesToTheDeadLetterStreamAndTheRestOfItsBatchIsCounted()
    {
        // Well-formed, but its key id does not fit the column: MySQL refuses it, whichever batch it lands in.
        var refused = HandMadeEvents.Request(keyId: new string('k', 200));
        var keys = await IssueKeysAsync(1);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await pipeline.Graph.GetConnectionStringAsync("redis")))
        {
            await redis.GetDatabase().StreamAddAsync("filter-log", [new NameValueEntry("data", refused)]);
        }

        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 300, served);
        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);

        using var response = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/deadletters");
        var letters = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Contains(letters, l => l.GetProperty("original").GetProperty("data").GetString() == refused
            && l.GetProperty("error").GetString()!.Contains("MySqlException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventAppendedTwiceIsCountedOnce()
    {
        // What a resend after an unclear Redis failure, or a redelivery, looks like: the same event id twice.
        var keyId = $"key_{Guid.NewGuid():N}"[..20];
        var payload = HandMadeEvents.Request(keyId);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await pipeline.Graph.GetConnectionStringAsync("redis")))
        {
            for (var i = 0; i < 2; i++)
            {
                await redis.GetDatabase().StreamAddAsync("filter-log", [new NameValueEntry("data", payload)]);
            }
        }

        var served = new Served();
        served.PerKey[keyId] = (1, 0);
        await Load.AssertCountedExactlyAsync(pipeline.First, served, "no-such-word", CatchUp);
    }

    [Fact]
    public async Task CountsAreExactAfterMySqlIsStoppedForThirtySecondsDuringLoad()
    {
        var keys = await IssueKeysAsync(2);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);

        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 1000, served);
        await pipeline.Graph.StopResourceAsync("mysql");
        var outage = System.Diagnostics.Stopwatch.StartNew();
        while (outage.Elapsed < TimeSpan.FromSeconds(30))
        {
            // Served throughout: keys come from the caches, events wait in Redis.
            await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 500, served);
            await Task.Delay(1000);
        }

        await pipeline.Graph.StartResourceAsync("mysql");
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 1000, served);

        Assert.True(served.Requests >= 5000, $"only {served.Requests} requests");
        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);
    }

    [Fact]
    public async Task NoAnsweredRequestIsMissingAfterRedisRestarts()
    {
        var keys = await IssueKeysAsync(2);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);

        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 2500, served);
        await pipeline.Graph.StopResourceAsync("redis");
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 500, served); // answered while events wait in FilterApi
        await pipeline.Graph.StartResourceAsync("redis");
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 2500, served);

        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);
    }

    [Fact]
    public async Task APoisonEntryGoesToTheDeadLetterStreamAndDoesNotBlockTheOthers()
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await pipeline.Graph.GetConnectionStringAsync("redis")))
        {
            await redis.GetDatabase().StreamAddAsync("filter-log", [new NameValueEntry("eventId", "poison"), new NameValueEntry("data", "{not json")]);
        }

        var keys = await IssueKeysAsync(1);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 200, served);
        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);

        using var response = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/deadletters");
        var letters = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Contains(letters, l => l.GetProperty("stream").GetString() == "filter-log"
            && l.GetProperty("error").GetString()!.Contains("malformed payload", StringComparison.Ordinal)
            && l.GetProperty("original").GetProperty("data").GetString() == "{not json");
    }

    [Fact]
    public async Task TrimmingRemovesAcknowledgedEntriesButNeverOnesStillPending()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await pipeline.Graph.GetConnectionStringAsync("redis"));
        var db = redis.GetDatabase();
        var keys = await IssueKeysAsync(1);
        var served = new Served();
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, "none", 50, served); // entries the consumers count and acknowledge
        await Load.AssertCountedExactlyAsync(pipeline.First, served, "none", CatchUp);

        // A consumer that reads an entry and stalls (as a crashed one would): the entry stays pending.
        // Appended and read in one transaction, so no live consumer can take it first.
        var transaction = db.CreateTransaction();
        var added = transaction.StreamAddAsync("filter-log", "data", "{\"stalled\":true}");
        var read = transaction.StreamReadGroupAsync("filter-log", "statistics", "stalled-consumer", StreamPosition.NewMessages, 100);
        Assert.True(await transaction.ExecuteAsync());
        var stalled = await added;
        Assert.Contains(await read, e => e.Id == stalled);

        await Task.Delay(TimeSpan.FromSeconds(2)); // several housekeeping rounds, still before the entry may be claimed (5 s)
        var before = await db.StreamRangeAsync("filter-log", "-", stalled, count: 10);
        Assert.Equal([stalled], before.Select(e => e.Id)); // acknowledged entries trimmed, the pending one kept
    }

    [Fact]
    public async Task OverviewReportsRequestsAbusiveLatencyAndTopWords()
    {
        var keys = await IssueKeysAsync(1);
        var served = new Served();
        var word = await Load.AddUniqueWordAsync(pipeline.First, pipeline.Second, keys[0], served);
        await Load.RunAsync(pipeline.First, pipeline.Second, keys, word, 300, served);
        await Load.AssertCountedExactlyAsync(pipeline.First, served, word, CatchUp);

        using var response = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/overview");
        var overview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(overview.GetProperty("requests").GetInt64() >= served.Requests);
        Assert.True(overview.GetProperty("abusive").GetInt64() >= served.PerKey.Values.Sum(v => v.Abusive));
        Assert.True(overview.GetProperty("latencyP50Ms").GetDouble() > 0);
        Assert.True(overview.GetProperty("latencyP95Ms").GetDouble() >= overview.GetProperty("latencyP50Ms").GetDouble());
        Assert.Contains(overview.GetProperty("topWords").EnumerateArray(), w => w.GetProperty("word").GetString() is { Length: > 0 });

        using var totalsResponse = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/totals");
        var totals = await totalsResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(totals.GetProperty("languages").EnumerateArray(), l => l.GetProperty("lang").GetString() == "en" && l.GetProperty("abusive").GetInt64() > 0);
        Assert.Contains(totals.GetProperty("categories").EnumerateArray(), c => c.GetProperty("category").GetString() == "insult" && c.GetProperty("detections").GetInt64() >= served.WordHits);

        using var bad = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/timeseries?bucket=week");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<List<IssuedKey>> IssueKeysAsync(int count)
    {
        var keys = new List<IssuedKey>();
        for (var i = 0; i < count; i++)
        {
            keys.Add(await pipeline.First.IssueKeyAsync(name: $"pipeline-{i}"));
        }

        return keys;
    }
}
