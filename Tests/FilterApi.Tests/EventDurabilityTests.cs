using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;

namespace FilterApi.Tests;

/// <summary>
/// A request's events on a real Redis: bounded in number however many hits a text has, and durable before the answer
/// (in Redis, or in the local journal while Redis is down, replayed once it is back).
/// </summary>
public sealed class EventDurabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ATextFullOfSwearWordsBecomesOneBadwordEntryWithEachWordCounted()
    {
        await using var redis = await LocalRedis.StartAsync();
        using var factory = new FilterApiFactory(new() { ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(redis.Port), ["Events:JournalDirectory"] = TempDirectory() });
        using var client = factory.CreateAuthorizedClient();
        var text = string.Concat(Enumerable.Repeat("fuck shit ", 1000)); // 10,000 characters, 2,000 hits

        var answer = await FilterAsync(client, text);

        Assert.Equal(2000, answer.GetProperty("status").GetProperty("code").GetInt32());
        var hits = answer.GetProperty("detected").GetArrayLength();
        Assert.True(hits >= 2000, $"{hits} hits");
        var database = redis.Client.GetDatabase();
        Assert.Equal(1, await database.StreamLengthAsync("filter-log"));
        var entries = await database.StreamRangeAsync("badword-log");
        var entry = Assert.Single(entries);
        var words = JsonDocument.Parse((string)entry["data"]!).RootElement.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(words.Count, words.Select(w => (w.GetProperty("word").GetString(), w.GetProperty("lang").GetString())).Distinct().Count());
        Assert.Equal(hits, words.Sum(w => w.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task ARequestAnsweredWhileRedisIsDownHasItsEventsInTheJournalAndTheyReachRedisOnceItIsBack()
    {
        var port = LocalRedis.FreePort();
        var journal = TempDirectory();
        Guid trackingId;
        using (var factory = new FilterApiFactory(new() { ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(port), ["Events:JournalDirectory"] = journal }))
        {
            using var client = factory.CreateAuthorizedClient();
            var answer = await FilterAsync(client, "you fucking idiot");
            Assert.Equal(2000, answer.GetProperty("status").GetProperty("code").GetInt32());
            trackingId = answer.GetProperty("trackingId").GetGuid();

            // Answered means durable: the request's events are on disk already, owner-only.
            var files = Directory.GetFiles(journal, "*.journal", SearchOption.AllDirectories);
            Assert.Contains(files, f => ReadShared(f).Contains(trackingId.ToString(), StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                foreach (var file in files)
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
            }
        }

        // Another process (a restarted replica) finds the journal and replays it once Redis answers.
        await using var redis = await LocalRedis.StartAsync(port);
        using var restarted = new FilterApiFactory(new() { ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(port), ["Events:JournalDirectory"] = journal });
        using var health = restarted.CreateClient();
        await health.GetAsync("/alive");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var database = redis.Client.GetDatabase();
        while (!(await database.StreamRangeAsync("filter-log")).Any(e => ((string)e["data"]!).Contains(trackingId.ToString(), StringComparison.Ordinal))
            || Directory.GetFiles(journal, "*.journal", SearchOption.AllDirectories).Length > 0)
        {
            Assert.True(clock.Elapsed < Patience, "the journal was not replayed to Redis");
            await Task.Delay(200);
        }

        Assert.Equal(1, await database.StreamLengthAsync("badword-log"));
        Assert.Equal(1, await database.StreamLengthAsync("abuse-log"));
    }

    [Fact]
    public async Task AJournalTooSmallDropsEventsCountedOnHealthWhileRequestsAreStillAnswered()
    {
        using var factory = new FilterApiFactory(new()
        {
            ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(LocalRedis.FreePort()),
            ["Events:JournalDirectory"] = TempDirectory(),
            ["Events:JournalMaxBytes"] = "2048",
        });
        using var client = factory.CreateAuthorizedClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(2000, (await FilterAsync(client, "you fucking idiot")).GetProperty("status").GetProperty("code").GetInt32());
        }

        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/health"); // 503: Redis itself is unhealthy
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("events").GetProperty("status").GetString());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Dropped(await anonymous.GetStringAsync("/metrics")) == 0)
        {
            Assert.True(clock.Elapsed < Patience, "no drop on /metrics");
            await Task.Delay(200); // the exporter collects periodically
        }
    }

    private static double Dropped(string metrics) => metrics.Split('\n')
        .Where(l => l.StartsWith("moderation_events_dropped_total", StringComparison.Ordinal))
        .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<JsonElement> FilterAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/filter", new { text, mode = "NORMAL" });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A journal file is locked while its writer holds it (.NET locks every file it opens): read it with cat.</summary>
    private static string ReadShared(string path)
    {
        using var cat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
        var text = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();
        return text;
    }

    private static string TempDirectory() => Path.Combine(Path.GetTempPath(), "filterapi-events", Guid.NewGuid().ToString("N"));
}
