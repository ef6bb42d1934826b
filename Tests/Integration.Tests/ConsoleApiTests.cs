using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.Tests;

/// <summary>
/// The console's playground: every tier on a text or a document, for an operator's token, not counted as traffic.
/// </summary>
[Collection(GatewayTests.Name)]
public sealed class ConsoleApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ThePlaygroundAnswersLikeDetectTextForAnOperatorAndNobodyElse()
    {
        using var answer = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/playground/text",
            new { text = "아 진짜 시1발 왜 이래, 연락처 010-3456-7890", llm = "never" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("abusive").GetBoolean());
        Assert.Equal("시1발", Assert.Single(body.GetProperty("lexicon").GetProperty("hits").EnumerateArray()).GetProperty("matched").GetString());
        Assert.Equal("아 진짜 *** 왜 이래, 연락처 PHONE_NUMBER", body.GetProperty("masked").GetString());

        using var invalid = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/playground/text", new { text = " ", llm = "never" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var key = await gateway.First.IssueKeyAsync();
        using var withApiKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/playground/text") { Content = JsonContent.Create(new { text = "hello" }) };
        withApiKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        using var refused = await gateway.First.Http.SendAsync(withApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ThePlaygroundReadsADocument()
    {
        var token = await gateway.First.LoginAsync();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("first line\n참석자가 시1발 이라고 말했습니다"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/playground/document")
        {
            Content = new MultipartFormDataContent { { file, "file", "notes.txt" } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await gateway.Second.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var finding = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray());
        Assert.Equal(2, finding.GetProperty("number").GetInt32());
    }
}

/// <summary>Statistics as the console filters them: by key and endpoint (the pipeline graph, where LogConsumer counts).</summary>
[Collection(PipelineTests.Name)]
public sealed class ConsoleStatisticsTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task TimeseriesAreFilteredByKeyAndTotalsCountRequestsPerEndpoint()
    {
        var busy = await pipeline.First.IssueKeyAsync(name: "busy");
        var quiet = await pipeline.First.IssueKeyAsync(name: "quiet");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2000, (await pipeline.First.FilterAsync(busy.Key, "f.u.c.k")).Code);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        long busyCount;
        do
        {
            await Task.Delay(500, deadline.Token);
            busyCount = await RequestsAsync($"keyId={busy.Id}");
        }
        while (busyCount < 3);

        Assert.Equal(3, busyCount);
        Assert.Equal(0, await RequestsAsync($"keyId={quiet.Id}"));
        Assert.Equal(3, await RequestsAsync($"keyId={busy.Id}&endpoint=filter"));
        Assert.Equal(0, await RequestsAsync($"keyId={busy.Id}&endpoint=analyze"));

        using var totals = await pipeline.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/stats/totals");
        var endpoints = (await totals.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoints");
        Assert.Contains(endpoints.EnumerateArray(), e => e.GetProperty("endpoint").GetString() == "filter" && e.GetProperty("requests").GetInt64() >= 3);
    }

    private async Task<long> RequestsAsync(string query)
    {
        using var response = await pipeline.First.AdminAsync(HttpMethod.Get, $"/api/v1/admin/stats/timeseries?{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64());
    }
}
