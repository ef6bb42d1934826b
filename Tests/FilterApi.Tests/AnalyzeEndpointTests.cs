using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FilterApi.Tests;

/// <summary>
/// /api/v1/analyze and /api/v1/predict with no model server configured (the embedded default): the lexicon tier
/// answers alone and says so with degraded: true; bad input gets 400 and a detail that names the problem.
/// The same endpoints with real model servers are covered by Integration.Tests (ModelTierTests).
/// </summary>
public class AnalyzeEndpointTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private readonly HttpClient _client = api.Factory.CreateAuthorizedClient();

    [Fact]
    public async Task WithoutModelServersTheLexiconDecidesAndTheAnswerSaysItIsDegraded()
    {
        var answer = await AnalyzeAsync("chat", "아 진짜 시1발 왜 이래");

        Assert.Equal(1, answer.GetProperty("final_decision").GetInt32());
        Assert.True(answer.GetProperty("degraded").GetBoolean());
        Assert.Equal(["시1발"], answer.GetProperty("badwords").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("아 진짜 시1발 왜 이래", answer.GetProperty("result").GetProperty("original_text").GetString());
        Assert.Equal("아 진짜 *** 왜 이래", answer.GetProperty("result").GetProperty("rewritten_text").GetString());
        Assert.True(answer.TryGetProperty("trackingId", out _));
    }

    [Theory]
    [InlineData("chat", "시발점에서 출발합니다")]
    [InlineData("community", "We visited Scunthorpe and the 操场")]
    public async Task CleanTextsPassUnchanged(string target, string text)
    {
        var answer = await AnalyzeAsync(target, text);

        Assert.Equal(0, answer.GetProperty("final_decision").GetInt32());
        Assert.Empty(answer.GetProperty("badwords").EnumerateArray());
        Assert.Equal(text, answer.GetProperty("result").GetProperty("rewritten_text").GetString());
        Assert.InRange(answer.GetProperty("score").GetDouble(), 0, 0.5);
    }

    [Fact]
    public async Task PredictAnswersTextIsToxicAndAScoreFrom0To100()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/predict", new { text = "f.u.c.k you" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("f.u.c.k you", answer.GetProperty("text").GetString());
        Assert.True(answer.GetProperty("is_toxic").GetBoolean());
        Assert.InRange(answer.GetProperty("score").GetDouble(), 50, 100);
        Assert.True(answer.GetProperty("degraded").GetBoolean());
    }

    [Theory]
    [InlineData("""{}""", "text is required")]
    [InlineData("""{"text":null}""", "text is required")]
    [InlineData("""{"text":""}""", "text is empty")]
    [InlineData("""{"text":"   "}""", "text is only whitespace")]
    [InlineData("""{"text":42}""", "text must be a string")]
    [InlineData("""{"text":["a"]}""", "text must be a string")]
    [InlineData("""["text"]""", "expected an object")]
    [InlineData("""{"text":"abc" """, "malformed JSON body")]
    [InlineData("""{"text":"\ud800 fuck"}""", "not valid Unicode text")]
    public async Task BadBodiesAre400WithCode4000(string body, string detail)
    {
        foreach (var path in new[] { "/api/v1/analyze/chat", "/api/v1/predict" })
        {
            var (status, problem) = await PostRawAsync(path, body, "application/json");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(4000, problem.GetProperty("code").GetInt32());
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TextsOverTheLimitAreRefusedAndTextsAtTheLimitAccepted()
    {
        var (status, problem) = await PostRawAsync("/api/v1/analyze/chat", JsonSerializer.Serialize(new { text = new string('a', 10_001) }), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("longer than 10000 characters (10001)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var answer = await AnalyzeAsync("chat", new string('a', 10_000));
        Assert.Equal(0, answer.GetProperty("final_decision").GetInt32());
    }

    [Fact]
    public async Task AnUnknownTargetIs400()
    {
        var (status, problem) = await PostRawAsync("/api/v1/analyze/forum", """{"text":"hello"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("target 'forum' is invalid: use chat or community", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormBodyIs415()
    {
        var (status, problem) = await PostRawAsync("/api/v1/analyze/chat", "text=hello", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ABodyWithoutContentTypeIs400()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"text":"hello"}"""));
        using var response = await _client.PostAsync("/api/v1/analyze/chat", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Content-Type must be application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyIs401AndAnUnknownKeyToo()
    {
        using var anonymous = api.Factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/analyze/chat", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(4010, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());

        anonymous.DefaultRequestHeaders.Add("x-api-key", "not-a-key");
        using var unknown = await anonymous.PostAsJsonAsync("/api/v1/predict", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task ADeadModelServerDegradesTheAnswerAndTheHealthButNotTheApi()
    {
        // Configured, but nothing listens there: every call fails at once.
        using var factory = new FilterApiFactory(new Dictionary<string, string?>
        {
            ["services:fasttext:http:0"] = "http://127.0.0.1:1",
            ["services:kobert:http:0"] = "http://127.0.0.1:1",
        });
        using var client = factory.CreateAuthorizedClient();

        for (var i = 0; i < 10; i++) // enough failures to open the circuit breaker: answers keep coming
        {
            using var response = await client.PostAsJsonAsync("/api/v1/analyze/community", new { text = "you stupid bitch" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(answer.GetProperty("degraded").GetBoolean());
            Assert.Equal(1, answer.GetProperty("final_decision").GetInt32());
        }

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // still in rotation
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", report.GetProperty("checks").GetProperty("model-servers").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnOperatorsThresholdFromConfigurationDecidesInsteadOfTheFittedOne()
    {
        const string text = "you stupid bitch"; // a plain hit: chat weighs it (community flags any hit)
        using var factory = new FilterApiFactory(new Dictionary<string, string?> { ["Analysis:Thresholds:en:Chat"] = "0.999" });
        using var client = factory.CreateAuthorizedClient();

        using var lenient = await client.PostAsJsonAsync("/api/v1/analyze/chat", new { text });
        var answer = await lenient.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, answer.GetProperty("final_decision").GetInt32());
        Assert.InRange(answer.GetProperty("score").GetDouble(), 0.5, 0.999);
        Assert.Equal(1, (await AnalyzeAsync("chat", text)).GetProperty("final_decision").GetInt32());
        using var community = await client.PostAsJsonAsync("/api/v1/analyze/community", new { text });
        Assert.Equal(1, (await community.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("final_decision").GetInt32());
        using var evasion = await client.PostAsJsonAsync("/api/v1/analyze/chat", new { text = "you stupid b1tch" });
        Assert.Equal(1, (await evasion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("final_decision").GetInt32());
    }

    [Theory]
    [InlineData("Analysis:Thresholds:fr:Chat", "0.5", "'fr' is not one of ko, en, zh")]
    [InlineData("Analysis:Thresholds:ko:Community", "1.5", "Analysis:Thresholds:ko:Community must be from 0 to 1")]
    public void AThresholdForAnUnknownLanguageOrOutsideZeroToOneStopsTheStart(string name, string value, string message)
    {
        using var factory = new FilterApiFactory(new Dictionary<string, string?> { [name] = value });

        var error = Assert.Throws<AggregateException>(() => factory.CreateClient());

        Assert.Contains(message, Assert.IsType<OptionsValidationException>(error.InnerExceptions[0]).Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> AnalyzeAsync(string target, string text)
    {
        using var response = await _client.PostAsJsonAsync($"/api/v1/analyze/{target}", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(string path, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
