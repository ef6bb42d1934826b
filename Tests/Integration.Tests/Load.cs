using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Tests;

/// <summary>What clients were told: the truth the statistics must add up to.</summary>
internal sealed class Served
{
    public Dictionary<string, (long Requests, long Abusive)> PerKey { get; } = [];

    public long WordHits { get; set; }

    public long Requests => PerKey.Values.Sum(v => v.Requests);

    private readonly Lock _gate = new();

    public void Add(string keyId, FilterAnswer answer, string word)
    {
        Assert.Equal(2000, answer.Code);
        lock (_gate)
        {
            var (requests, abusive) = PerKey.GetValueOrDefault(keyId);
            PerKey[keyId] = (requests + 1, abusive + (answer.Detected.Count > 0 ? 1 : 0));
            WordHits += answer.Detected.Count(d => d == word);
        }
    }
}

/// <summary>Mixed clean and abusive requests from several keys, spread over both replicas, counted as answered.</summary>
internal static class Load
{
    private const int Concurrency = 16;

    /// <summary>
    /// A lexicon word of this test's own (added through the admin API), so its count is this test's alone. The
    /// requests that check both replicas detect it are served requests too, and counted in <paramref name="served"/>.
    /// </summary>
    public static async Task<string> AddUniqueWordAsync(Gateway first, Gateway second, IssuedKey probe, Served served)
    {
        var word = "zqx" + new string([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(8)]);
        using var added = await first.AdminAsync(HttpMethod.Post, "/api/v1/admin/lexicon", new { lang = "en", word, category = "insult", severity = 2 });
        added.EnsureSuccessStatusCode();
        for (var i = 0; i < 100; i++)
        {
            var one = await first.FilterAsync(probe.Key, word);
            var two = await second.FilterAsync(probe.Key, word);
            served.Add(probe.Id, one, word);
            served.Add(probe.Id, two, word);
            if (one.Detected.Contains(word) && two.Detected.Contains(word))
            {
                return word;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"{word} was not detected by both replicas");
    }

    public static async Task RunAsync(Gateway first, Gateway second, IReadOnlyList<IssuedKey> keys, string word, int count, Served served)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var key = keys[i % keys.Count];
                var abusive = i % 5 < 2; // 40% abusive
                var answer = await (i % 2 == 0 ? first : second).FilterAsync(key.Key, abusive ? $"you {word} now" : "hello there, see you tomorrow");
                served.Add(key.Id, answer, word);
            }
        }));
    }

    /// <summary>Waits until the statistics equal what was served (or the deadline passes), then checks they stay equal.</summary>
    public static async Task AssertCountedExactlyAsync(Gateway admin, Served served, string word, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var expected = Expected(served, word);
        var counted = "";
        while (clock.Elapsed < deadline)
        {
            // Both sides as text ("key: requests/abusive; …; word: count"), so a failure shows every number.
            counted = await CountedAsync(admin, served, word);
            if (counted == expected)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // a redelivery counted twice would show up now
                Assert.Equal(expected, await CountedAsync(admin, served, word));
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"statistics never matched what was served within {deadline}: expected {expected}, last {counted}");
    }

    private static string Expected(Served served, string word) =>
        string.Join("; ", served.PerKey.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value.Requests}/{p.Value.Abusive}"))
        + $"; {word}: {served.WordHits}";

    private static async Task<string> CountedAsync(Gateway admin, Served served, string word)
    {
        var parts = new List<string>();
        foreach (var keyId in served.PerKey.Keys.Order(StringComparer.Ordinal))
        {
            using var response = await admin.AdminAsync(HttpMethod.Get, $"/api/v1/admin/stats/keys/{keyId}");
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                parts.Add($"{keyId}: 0/0"); // nothing counted yet for a key the database does not know
                continue;
            }

            var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
            parts.Add($"{keyId}: {stats.GetProperty("requests").GetInt64()}/{stats.GetProperty("abusive").GetInt64()}");
        }

        using var words = await admin.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/words?lang=en&top=1000");
        var count = (await words.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(w => w.GetProperty("word").GetString() == word).Select(w => w.GetProperty("count").GetInt64()).FirstOrDefault();
        parts.Add($"{word}: {count}");
        return string.Join("; ", parts);
    }
}
