using System.Net;
using System.Text.Json;
using AppHost.Tests;

namespace Integration.Tests;

/// <summary>
/// The ML tier through the whole graph: FilterApi calling the real fastText and transformer servers that the app
/// model starts with Debian's Python. A server killed mid-test degrades the answers (never a 5xx) and, once
/// restarted, is used again without restarting FilterApi.
/// </summary>
public sealed class ModelTierTests
{
    private const string Abusive = "you fucking idiot, nobody wants you here";
    private const string Clean = "thanks for the help with the report, see you tomorrow";
    private static readonly string[] Targets = ["chat", "community"];

    [Fact]
    public async Task ModelsDecideAndAServerThatDiesDegradesTheAnswerUntilItIsBack()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = (await gateway.IssueKeyAsync(scopes: ["analyze", "predict"])).Key;

        var abusive = await AnalyzeAsync(gateway, key, "chat", Abusive);
        Assert.False(abusive.GetProperty("degraded").GetBoolean());
        Assert.Equal(1, abusive.GetProperty("final_decision").GetInt32());
        Assert.Contains("fucking", abusive.GetProperty("badwords").EnumerateArray().Select(w => w.GetString()));
        Assert.DoesNotContain("fucking", abusive.GetProperty("result").GetProperty("rewritten_text").GetString(), StringComparison.Ordinal);
        var clean = await AnalyzeAsync(gateway, key, "chat", Clean);
        Assert.False(clean.GetProperty("degraded").GetBoolean());
        Assert.Equal(0, clean.GetProperty("final_decision").GetInt32());
        Assert.Equal("Healthy", Check(await gateway.HealthAsync(), "model-servers"));

        // The models alone flag 병신년 and miss ㅅㅂ; with the lexicon tier's allowlist and evasion reading, neither happens.
        foreach (var (text, expected) in new[] { ("병신년 (1956)", 0), ("새끼손가락 걸고 약속해", 0), ("ㅅㅂ 뭐야", 1), ("tlqkf 진짜", 1) })
        {
            var answer = await AnalyzeAsync(gateway, key, "chat", text);
            Assert.Equal(expected, answer.GetProperty("final_decision").GetInt32());
            Assert.False(answer.GetProperty("degraded").GetBoolean(), text);
        }

        foreach (var model in new[] { "kobert", "fasttext" })
        {
            await graph.StopResourceAsync(model);
            for (var i = 0; i < 8; i++) // past the breaker's threshold: it opens, answers keep coming
            {
                var degraded = await AnalyzeAsync(gateway, key, "chat", Abusive);
                Assert.True(degraded.GetProperty("degraded").GetBoolean(), model);
                Assert.Equal(1, degraded.GetProperty("final_decision").GetInt32());
            }

            Assert.Equal("Degraded", Check(await gateway.HealthAsync(), "model-servers"));
            await graph.StartResourceAsync(model);

            // Back without restarting FilterApi: once the breaker lets a call through, answers are whole again.
            var recovered = false;
            for (var attempt = 0; attempt < 120 && !recovered; attempt++)
            {
                recovered = !(await AnalyzeAsync(gateway, key, "chat", Clean)).GetProperty("degraded").GetBoolean();
                if (!recovered)
                {
                    await Task.Delay(250);
                }
            }

            Assert.True(recovered, $"{model} restarted, but answers stayed degraded");
        }
    }

    [Fact]
    public async Task BothTargetsShareOneScoreACleanQuestionPassesAndConcurrentRequestsShareBatches()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = (await gateway.IssueKeyAsync(scopes: ["analyze", "predict"])).Key;
        string[] texts =
        [
            "you are so dumb lol", "그 사람 좀 이상하지 않아?", "女人就是不行", "go back to your country", "이 정도면 괜찮네",
            "这个地方的人都很懒", "what a lovely morning", "정치인들 다 똑같아", "shut up", "오늘 점심 뭐 먹을까요? 다들 맛있는 거 추천해 주세요",
        ];

        // 10 texts × 2 targets, all at once: every answer complete; the targets differ in threshold only.
        var answers = await Task.WhenAll(texts.SelectMany(t => Targets.Select(target => AnalyzeAsync(gateway, key, target, t))));
        Assert.All(answers, a => Assert.False(a.GetProperty("degraded").GetBoolean()));
        for (var i = 0; i < texts.Length; i++)
        {
            var (chat, community) = (answers[2 * i], answers[(2 * i) + 1]);
            Assert.Equal(chat.GetProperty("score").GetDouble(), community.GetProperty("score").GetDouble(), 3);
        }

        // The lunch question that community used to flag (issue 16): community's threshold keeps to its false-positive ceiling.
        Assert.Equal(0, answers[^1].GetProperty("final_decision").GetInt32());

        var metrics = await gateway.Http.GetStringAsync("/metrics");
        var batches = Metric(metrics, "moderation_models_batch_size_count", "fasttext");
        var batched = Metric(metrics, "moderation_models_batch_size_sum", "fasttext");
        Assert.Equal(texts.Length * 2, batched);
        Assert.True(batches < batched, $"{batched} texts went in {batches} batches: no batching happened");
    }

    [Fact]
    public async Task PredictAndBadInputsThroughTheWholePath()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = (await gateway.IssueKeyAsync(scopes: ["predict"])).Key;

        var (status, predicted) = await gateway.AnalyzeAsync(key, "/api/v1/predict", new { text = "操你妈的傻逼" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(predicted.GetProperty("is_toxic").GetBoolean());
        Assert.InRange(predicted.GetProperty("score").GetDouble(), 50, 100);
        Assert.False(predicted.GetProperty("degraded").GetBoolean());

        (status, var problem) = await gateway.AnalyzeAsync(key, "/api/v1/predict", new { text = new string('x', 10_001) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(4000, problem.GetProperty("code").GetInt32());
        (status, problem) = await gateway.AnalyzeAsync(key, "/api/v1/predict", new { text = 12 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("text must be a string", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The key has no analyze scope.
        (status, problem) = await gateway.AnalyzeAsync(key, "/api/v1/analyze/chat", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(4030, problem.GetProperty("code").GetInt32());
    }

    private static async Task<JsonElement> AnalyzeAsync(Gateway gateway, string key, string target, string text)
    {
        var (status, body) = await gateway.AnalyzeAsync(key, $"/api/v1/analyze/{target}", new { text });
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static string? Check(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();

    /// <summary>A Prometheus sample's value for one model, e.g. <c>moderation_models_batch_size_count{model="fasttext"} 7</c>.</summary>
    private static double Metric(string exposition, string name, string model) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains($"model=\"{model}\"", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
}
