using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FilterApi.Tests;

/// <summary>
/// POST /api/v1/detect/text: one decision from every tier. The LLM tier is a real OllamaSharp client talking real
/// HTTP to an Ollama-protocol server the test scripts; the model servers are absent, so their tiers are degraded.
/// </summary>
public sealed class DetectTextEndpointTests : IAsyncLifetime, IDisposable
{
    private FakeOllamaServer _ollama = null!;
    private FilterApiFactory _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _ollama = await FakeOllamaServer.StartAsync();
        // Long enough for the first call of a cold process on a busy 2-core CI machine (1 s timed out there), still far
        // below the 30 s the late-answer test makes the server wait.
        _api = new FilterApiFactory(new() { ["ConnectionStrings:ollama"] = _ollama.ConnectionString(), ["Llm:Timeout"] = "00:00:05" });
        _client = _api.CreateAuthorizedClient();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    [Fact]
    public async Task TheLlmsUnsafeVerdictDecidesAndEveryTierReportsWhatItSaid()
    {
        _ollama.Reply = _ => FakeChatReply.Verdict("unsafe", 0.91, "A threat against a person.", "threat", "violence");

        var answer = await DetectAsync(new { text = "I know where you live and I will hurt you", llm = "always" });

        Assert.True(answer.GetProperty("abusive").GetBoolean());
        Assert.Equal("llm", answer.GetProperty("decidedBy").GetString());
        var llm = answer.GetProperty("llm");
        Assert.Equal("unsafe", llm.GetProperty("verdict").GetString());
        Assert.Equal(["threat", "violence"], llm.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("A threat against a person.", llm.GetProperty("reason").GetString());
        Assert.Equal(["fasttext", "kobert"], Degraded(answer));
        Assert.Contains("threat", answer.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.True(answer.GetProperty("ml").TryGetProperty("score", out _));
        Assert.True(answer.GetProperty("lexicon").GetProperty("elapsedMs").GetDouble() >= 0);
        Assert.Equal(1, _ollama.ChatCalls);
    }

    [Fact]
    public async Task LexiconHitsComeWithSpansAndPersonalDataIsReplacedInTheMaskedText()
    {
        _ollama.Reply = _ => FakeChatReply.Verdict("unsafe", 0.8, "Profanity.", "profanity");
        const string text = "아 진짜 시1발 왜 이래, 연락처 010-3456-7890";

        var answer = await DetectAsync(new { text, llm = "always" });

        var hit = Assert.Single(answer.GetProperty("lexicon").GetProperty("hits").EnumerateArray());
        Assert.Equal("시1발", text.Substring(hit.GetProperty("start").GetInt32(), hit.GetProperty("length").GetInt32()));
        Assert.True(answer.GetProperty("personalData").GetBoolean());
        Assert.Equal("PHONE_NUMBER", Assert.Single(answer.GetProperty("pii").GetProperty("entities").EnumerateArray()).GetProperty("label").GetString());
        Assert.Equal("아 진짜 *** 왜 이래, 연락처 PHONE_NUMBER", answer.GetProperty("masked").GetString());
    }

    [Fact]
    public async Task AMalformedAnswerIsUnknownAndDegradedAndTheOtherTiersStillDecide()
    {
        _ollama.Reply = _ => new FakeChatReply.Content("Sure! The text looks fine to me.");

        var answer = await DetectAsync(new { text = "아 진짜 시1발 왜 이래", llm = "always" });

        var llm = answer.GetProperty("llm");
        Assert.Equal("unknown", llm.GetProperty("verdict").GetString());
        Assert.Equal("malformed", llm.GetProperty("failure").GetString());
        Assert.Contains("llm", Degraded(answer));
        Assert.Equal("lexicon+ml", answer.GetProperty("decidedBy").GetString());
        Assert.True(answer.GetProperty("abusive").GetBoolean()); // unknown is never read as safe
    }

    [Fact]
    public async Task ALateAnswerIsUnknownAndTheRequestDoesNotWaitForIt()
    {
        _ollama.Reply = _ => new FakeChatReply.Content("""{"verdict":"safe","categories":[],"reason":"x","score":0.1}""", TimeSpan.FromSeconds(30));
        var started = Stopwatch.GetTimestamp();

        var answer = await DetectAsync(new { text = "what shall we have for lunch?", llm = "always" });

        Assert.Equal("timeout", answer.GetProperty("llm").GetProperty("failure").GetString());
        Assert.Contains("llm", Degraded(answer));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(25), "the answer came after the model's late reply, not at the timeout");
    }

    [Fact]
    public async Task TheSameTextTwiceCallsTheModelOnce()
    {
        _ollama.Reply = _ => FakeChatReply.Verdict("safe", 0.03, "A friendly question.");

        var first = await DetectAsync(new { text = "오늘 점심 뭐 먹을까요?", llm = "always" });
        var second = await DetectAsync(new { text = "오늘 점심 뭐 먹을까요?", llm = "always" });

        Assert.Equal(1, _ollama.ChatCalls);
        Assert.False(first.GetProperty("llm").GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("llm").GetProperty("cached").GetBoolean());
        Assert.False(second.GetProperty("abusive").GetBoolean());
    }

    [Fact]
    public async Task NeverSkipsTheLlmAndAutoAsksItOnlyInTheGreyZone()
    {
        var never = await DetectAsync(new { text = "f.u.c.k you", llm = "never" });
        var clear = await DetectAsync(new { text = "f.u.c.k you" }); // the lexicon alone is sure: 1.0

        Assert.Equal("skipped", never.GetProperty("llm").GetProperty("verdict").GetString());
        Assert.Equal("skipped", clear.GetProperty("llm").GetProperty("verdict").GetString());
        Assert.DoesNotContain("llm", Degraded(clear));
        Assert.Equal(0, _ollama.ChatCalls);
    }

    [Fact]
    public async Task WithoutOllamaConfiguredTheOtherTiersAnswerAndDegradedNamesTheLlm()
    {
        await using var alone = new FilterApiFactory();
        using var client = alone.CreateAuthorizedClient();

        using var response = await client.PostAsJsonAsync("/api/v1/detect/text", new { text = "아 진짜 시1발 왜 이래", llm = "always" });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not_configured", answer.GetProperty("llm").GetProperty("failure").GetString());
        Assert.Equal(["fasttext", "kobert", "llm"], Degraded(answer));
        Assert.True(answer.GetProperty("abusive").GetBoolean());
    }

    [Fact]
    public async Task PiiFalseLeavesPersonalDataAlone()
    {
        var answer = await DetectAsync(new { text = "call 010-3456-7890", llm = "never", pii = false });

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("pii").ValueKind);
        Assert.False(answer.GetProperty("personalData").GetBoolean());
        Assert.Equal("call 010-3456-7890", answer.GetProperty("masked").GetString());
    }

    [Theory]
    [InlineData("""{"text":"a","llm":"sometimes"}""", "llm is invalid")]
    [InlineData("""{"text":"a","target":"forum"}""", "target is invalid")]
    [InlineData("""{"text":"a","pii":"yes"}""", "malformed JSON body")]
    [InlineData("""{"llm":"always"}""", "text is required")]
    public async Task BadBodiesAre400WithCode4000(string body, string detail)
    {
        using var response = await _client.PostAsync("/api/v1/detect/text", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(4000, problem.GetProperty("code").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _ollama.ChatCalls);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _api?.Dispose();
    }

    private static List<string?> Degraded(JsonElement answer) => [.. answer.GetProperty("degraded").EnumerateArray().Select(d => d.GetString())];

    private async Task<JsonElement> DetectAsync(object body)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/detect/text", body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {answer}");
        return answer;
    }
}
