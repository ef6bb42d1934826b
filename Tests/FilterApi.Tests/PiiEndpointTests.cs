using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FilterApi.Tests;

/// <summary>
/// POST /api/v1/pii/detect over real HTTP: the identifier's answer shape (entities with UTF-16 spans, the abstracted
/// text, the original), its operators and exclusions, and the same refusals as /api/v1/analyze.
/// </summary>
public class PiiEndpointTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private static readonly string[] OnlyEmail = ["email"];

    private readonly HttpClient _client = api.Factory.CreateAuthorizedClient();

    [Fact]
    public async Task APhoneNumberAndAnEmailAreFoundWithTheirSpansAndReplacedByTheirLabels()
    {
        const string text = "연락처: 010-3456-7890, 메일은 minsu.kim@example.co.kr 로 주세요 🙂";
        var answer = await DetectAsync(new { text });

        var entities = answer.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(["PHONE_NUMBER", "EMAIL"], entities.Select(e => e.GetProperty("label").GetString()));
        foreach (var entity in entities)
        {
            var (start, end) = (entity.GetProperty("start").GetInt32(), entity.GetProperty("end").GetInt32());
            Assert.Equal(text[start..end], entity.GetProperty("text").GetString());
            Assert.InRange(entity.GetProperty("score").GetDouble(), 0.5, 1.0);
        }

        Assert.Equal("010-3456-7890", entities[0].GetProperty("text").GetString());
        Assert.Equal("연락처: PHONE_NUMBER, 메일은 EMAIL 로 주세요 🙂", answer.GetProperty("abstracted").GetString());
        Assert.Equal(text, answer.GetProperty("original").GetString());
    }

    [Fact]
    public async Task ACardNumberThatFailsLuhnIsNotReportedAndOneThatPassesIs()
    {
        var valid = await DetectAsync(new { text = "card 4111 1111 1111 1111 exp 12/29" });
        var invalid = await DetectAsync(new { text = "order 4111 1111 1111 1112 shipped" });

        Assert.Equal("CREDIT_CARD", Assert.Single(valid.GetProperty("entities").EnumerateArray()).GetProperty("label").GetString());
        Assert.Empty(invalid.GetProperty("entities").EnumerateArray());
        Assert.Equal("order 4111 1111 1111 1112 shipped", invalid.GetProperty("abstracted").GetString());
    }

    [Fact]
    public async Task ExcludedLabelsAreNotReportedAndStayInTheText()
    {
        const string text = "电话 13912345678，邮箱 wang.lei@example.cn";
        var answer = await DetectAsync(new { text, excludeLabels = OnlyEmail });

        Assert.Equal("PHONE_NUMBER", Assert.Single(answer.GetProperty("entities").EnumerateArray()).GetProperty("label").GetString());
        Assert.Equal("电话 PHONE_NUMBER，邮箱 wang.lei@example.cn", answer.GetProperty("abstracted").GetString());
    }

    [Theory]
    [InlineData("mask")]
    [InlineData("redact")]
    public async Task MaskAndRedactHideTheValue(string op)
    {
        const string text = "call me at 010-3456-7890 tonight";
        var answer = await DetectAsync(new { text, @operator = op });

        var abstracted = answer.GetProperty("abstracted").GetString()!;
        Assert.DoesNotContain("3456", abstracted, StringComparison.Ordinal);
        Assert.StartsWith("call me at ", abstracted, StringComparison.Ordinal);
        Assert.EndsWith(" tonight", abstracted, StringComparison.Ordinal);
        Assert.Equal("010-3456-7890", Assert.Single(answer.GetProperty("entities").EnumerateArray()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{}""", "text is required")]
    [InlineData("""{"text":""}""", "text is empty")]
    [InlineData("""{"text":42}""", "malformed JSON body")]
    [InlineData("""{"text":"a","excludeLabels":"EMAIL"}""", "malformed JSON body")]
    [InlineData("""{"text":"a","excludeLabels":["NAME"]}""", "'NAME' is not a label")]
    [InlineData("""{"text":"a","operator":"shred"}""", "operator 'shred' is invalid")]
    [InlineData("""{"text":"a" """, "malformed JSON body")]
    public async Task BadBodiesAre400WithCode4000AndSayWhy(string body, string detail)
    {
        using var response = await _client.PostAsync("/api/v1/pii/detect", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(4000, problem.GetProperty("code").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedBodyIsRefusedWithoutEchoingTheValueItCarried()
    {
        using var response = await _client.PostAsync("/api/v1/pii/detect",
            new StringContent("""{"text": "x", "excludeLabels": [900101]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("900101", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKeyTheAnswerIs401()
    {
        using var anonymous = api.Factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/pii/detect", new { text = "010-3456-7890" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(4010, problem.GetProperty("code").GetInt32());
    }

    private async Task<JsonElement> DetectAsync(object body)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/pii/detect", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
