using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.Tests;

/// <summary>
/// What the personal-data and LLM tiers find reaches the statistics through the real pipeline (FilterApi → Redis
/// Streams → LogConsumer → MariaDB), counted by label and verdict (the events carry names and counts, never values).
/// </summary>
[Collection(PipelineTests.Name)]
public sealed class FindingStatisticsTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PersonalDataAndLlmVerdictsAreCountedByLabelAndVerdict()
    {
        var key = await pipeline.First.IssueKeyAsync(name: "findings", scopes: ["guard", "documents", "analyze"]);
        var before = await FindingsAsync();

        const string phones = "연락처 010-2718-2818 또는 010-3141-5926, 메일 findings.test@example.org";
        var (status, _) = await pipeline.First.AnalyzeAsync(key.Key, "/api/v1/pii/detect", new { text = phones });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await pipeline.Second.ScanDocumentAsync(key.Key, Encoding.UTF8.GetBytes("line one\ncall 010-1618-0339 now"), "notes.txt", "text/plain");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, var detected) = await pipeline.First.AnalyzeAsync(key.Key, "/api/v1/detect/text", new { text = "see you at noon", llm = "always" });
        Assert.Equal(HttpStatusCode.OK, status);
        var verdict = detected.GetProperty("llm").GetProperty("verdict").GetString()!; // unknown where no ollama runs

        var expected = new Dictionary<(string, string), long>
        {
            [("pii", "PHONE_NUMBER")] = Count(before, "pii", "PHONE_NUMBER") + 3,
            [("pii", "EMAIL")] = Count(before, "pii", "EMAIL") + 1,
            [("llm-verdict", verdict)] = Count(before, "llm-verdict", verdict) + 1,
        };
        using var deadline = new CancellationTokenSource(CatchUp);
        JsonElement after;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            after = await FindingsAsync();
        }
        while (expected.Any(e => Count(after, e.Key.Item1, e.Key.Item2) < e.Value));

        Assert.All(expected, e => Assert.Equal(e.Value, Count(after, e.Key.Item1, e.Key.Item2)));
    }

    [Fact]
    public async Task KeysWithoutTheGuardOrDocumentsScopeAreForbidden()
    {
        var key = await pipeline.First.IssueKeyAsync(name: "no-guard", scopes: ["analyze"]);

        var (pii, piiProblem) = await pipeline.First.AnalyzeAsync(key.Key, "/api/v1/pii/detect", new { text = "010-2718-2818" });
        var (document, documentProblem) = await pipeline.First.ScanDocumentAsync(key.Key, "hello"u8.ToArray(), "a.txt", "text/plain");

        Assert.Equal((HttpStatusCode.Forbidden, 4030), (pii, piiProblem.GetProperty("code").GetInt32()));
        Assert.Contains("'guard' scope", piiProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, 4030), (document, documentProblem.GetProperty("code").GetInt32()));
        Assert.Contains("'documents' scope", documentProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> FindingsAsync()
    {
        using var response = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/totals");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings");
    }

    private static long Count(JsonElement findings, string kind, string name) =>
        findings.EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() == kind && f.GetProperty("name").GetString() == name)
            .Sum(f => f.GetProperty("count").GetInt64());
}
