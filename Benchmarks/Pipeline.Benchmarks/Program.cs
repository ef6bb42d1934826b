// Event pipeline benchmark (reported, not asserted), on the AppHost graph: Redis, MariaDB, FilterApi, LogConsumer.
//   1. Drain: 100,000 events appended while LogConsumer is stopped, then the time it takes to count them all,
//      against the baseline a user would otherwise write: one INSERT ... ON DUPLICATE KEY UPDATE per event.
//   2. End to end: HTTP load on /api/v1/filter for 15 s; events produced per second, consumer lag each second,
//      and how long the consumer takes to catch up after the load.
// Usage: dotnet run -c Release --project Benchmarks/Pipeline.Benchmarks   (about 2 minutes)
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AppHost.Tests;
using Moderation.Events;
using MySqlConnector;
using StackExchange.Redis;

const int DrainEvents = 100_000;
const int BaselineEvents = 10_000;
var loadDuration = TimeSpan.FromSeconds(15);

Console.Error.WriteLine("==> starting the graph");
// The AppHost's own graph, through Aspire's testing builder: its own state and ports, deleted afterwards.
await using var app = await TestGraph.StartAsync("filterapi", "logconsumer");
await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("redis"));
var db = redis.GetDatabase();

// 1. Drain
await app.StopResourceAsync("logconsumer");
var keyId = "key_benchmark0000";
var events = Enumerable.Range(0, DrainEvents).Select(GatewayEvent (i) => (i % 10) switch
{
    < 6 => new RequestServed(Guid.CreateVersion7(), DateTime.UtcNow, Guid.NewGuid(), keyId, "filter", "NORMAL", i % 3 == 0 ? "ko" : "en", i % 2 == 0, 1, 0.2 + i % 7),
    < 9 => new WordDetected(Guid.CreateVersion7(), DateTime.UtcNow, Guid.NewGuid(), keyId, $"word{i % 50}", "en", "insult", 2),
    _ => new AbuseDetected(Guid.CreateVersion7(), DateTime.UtcNow, Guid.NewGuid(), keyId),
}).ToList();
Console.Error.WriteLine($"==> appending {DrainEvents:N0} events with LogConsumer stopped");
foreach (var chunk in events.Chunk(1000))
{
    await Task.WhenAll(chunk.Select(e => db.StreamAddAsync(e.Stream, [new NameValueEntry("eventId", e.EventId.ToString("N")), new NameValueEntry(EventStreams.PayloadField, e.ToJson())])));
}

await app.StartResourceAsync("logconsumer");
var drain = Stopwatch.StartNew();
while (await BacklogAsync(db) > 0)
{
    await Task.Delay(50);
}

drain.Stop();
var consumerRate = DrainEvents / drain.Elapsed.TotalSeconds;

// Baseline: per-event upserts, autocommit, into a table shaped like the statistics.
Console.Error.WriteLine($"==> baseline: {BaselineEvents:N0} single-row upserts");
await using (var connection = new MySqlConnection(await app.GetConnectionStringAsync("filterdb")))
{
    await connection.OpenAsync();
    await using (var create = new MySqlCommand("CREATE TABLE IF NOT EXISTS bench_naive (key_id varchar(32), hour datetime, requests bigint, PRIMARY KEY (key_id, hour))", connection))
    {
        await create.ExecuteNonQueryAsync();
    }

    var baseline = Stopwatch.StartNew();
    foreach (var e in events.Take(BaselineEvents))
    {
        await using var insert = new MySqlCommand("INSERT INTO bench_naive VALUES (@k, @h, 1) ON DUPLICATE KEY UPDATE requests = requests + 1", connection);
        insert.Parameters.AddWithValue("@k", keyId);
        insert.Parameters.AddWithValue("@h", new DateTime(e.At.Ticks - e.At.Ticks % TimeSpan.TicksPerHour));
        await insert.ExecuteNonQueryAsync();
    }

    baseline.Stop();
    var naiveRate = BaselineEvents / baseline.Elapsed.TotalSeconds;
    Console.WriteLine("| what | events/s |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| LogConsumer draining {DrainEvents:N0} events (batches, one transaction each, idempotent) | {consumerRate:N0} |");
    Console.WriteLine($"| baseline: one autocommitted upsert per event (no idempotency) | {naiveRate:N0} |");
    Console.WriteLine($"LogConsumer / per-event upserts: {consumerRate / naiveRate:N1}");
}

// 2. End to end under HTTP load.
using var http = app.CreateHttpClient("filterapi");
var password = app.AdminPassword;
using var login = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/keys") { Content = JsonContent.Create(new { name = "benchmark", ownerEmail = "bench@example.com", rateLimitPerMinute = 0 }) };
issue.Headers.Authorization = new("Bearer", token);
using var issued = await http.SendAsync(issue);
var apiKey = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

Console.Error.WriteLine($"==> HTTP load for {loadDuration.TotalSeconds:0} s");
var requests = 0L;
var producedBefore = await ProducedAsync(db);
using var stop = new CancellationTokenSource(loadDuration);
var lagSamples = new List<long>();
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        lagSamples.Add(await BacklogAsync(db));
        await Task.Delay(1000);
    }
});
var load = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, 32).Select(async worker =>
{
    using var client = app.CreateHttpClient("filterapi");
    client.DefaultRequestHeaders.Add("x-api-key", apiKey);
    var i = 0;
    while (!stop.IsCancellationRequested)
    {
        var text = i++ % 5 < 2 ? "아 진짜 시1발 f.u.c.k 왜 이래" : "오늘 점심 뭐 먹을지 아직도 못 정했어";
        using var response = await client.PostAsJsonAsync("/api/v1/filter", new { text, mode = "NORMAL" });
        Interlocked.Increment(ref requests);
    }
}));
load.Stop();
await sampler;
var produced = await ProducedAsync(db) - producedBefore;
var catchUp = Stopwatch.StartNew();
while (await BacklogAsync(db) > 0)
{
    await Task.Delay(50);
}

catchUp.Stop();
Console.WriteLine();
Console.WriteLine("| end to end, 32 HTTP clients | value |");
Console.WriteLine("|---|---:|");
Console.WriteLine($"| requests/s | {requests / load.Elapsed.TotalSeconds:N0} |");
Console.WriteLine($"| events produced/s (filter-log + badword-log + abuse-log) | {produced / load.Elapsed.TotalSeconds:N0} |");
Console.WriteLine($"| consumer lag, per second of load (entries) | {string.Join(" ", lagSamples)} |");
Console.WriteLine($"| catch-up after the load | {catchUp.Elapsed.TotalSeconds:N1} s |");

// Entries not yet counted: unread plus read but not acknowledged, over the consumed streams.
static async Task<long> BacklogAsync(IDatabase db)
{
    long backlog = 0;
    foreach (var stream in EventStreams.Consumed)
    {
        var groups = (RedisResult[])(await db.ExecuteAsync("XINFO", "GROUPS", stream))!;
        foreach (var group in groups)
        {
            var fields = (RedisResult[])group!;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if ((string?)fields[i] is "lag" or "pending" && !fields[i + 1].IsNull)
                {
                    backlog += (long)fields[i + 1];
                }
            }
        }
    }

    return backlog;
}

static async Task<long> ProducedAsync(IDatabase db)
{
    long total = 0;
    foreach (var stream in new[] { EventStreams.FilterLog, EventStreams.BadwordLog, EventStreams.AbuseLog })
    {
        var info = (RedisResult[])(await db.ExecuteAsync("XINFO", "STREAM", stream))!;
        for (var i = 0; i + 1 < info.Length; i += 2)
        {
            if ((string?)info[i] == "entries-added")
            {
                total += (long)info[i + 1];
            }
        }
    }

    return total;
}
