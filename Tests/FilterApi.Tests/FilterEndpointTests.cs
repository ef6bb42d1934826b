using System.Net.Http.Json;
using System.Text;

namespace FilterApi.Tests;

public class FilterEndpointTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private readonly HttpClient _client = api.Factory.CreateAuthorizedClient();

    [Fact]
    public async Task FilterMasksDigitInsertedHangulSpan()
    {
        var body = await _client.PostFilterAsync(new { text = "아 진짜 시1발 왜", mode = "FILTER" });

        Assert.Equal(2000, body.Code());
        Assert.Equal("아 진짜 *** 왜", body.Filtered());
        var hit = Assert.Single(body.Detected());
        Assert.Equal(5, hit.GetProperty("start").GetInt32());
        Assert.Equal(3, hit.GetProperty("length").GetInt32());
        Assert.Equal("시발", hit.GetProperty("filteredWord").GetString());
        Assert.Equal("시1발", hit.GetProperty("matched").GetString());
        Assert.Equal("ko", hit.GetProperty("lang").GetString());
    }

    [Fact]
    public async Task FilterMasksAllSevenCharactersOfDottedWord()
    {
        var body = await _client.PostFilterAsync(new { text = "f.u.c.k off", mode = "FILTER" });
        Assert.Equal("******* off", body.Filtered());
    }

    [Theory]
    [InlineData("ｆｕｃｋ")]
    [InlineData("ㅅㅂ")]
    [InlineData("操你媽")]
    [InlineData("tlqkf")]
    [InlineData("sh1t")]
    public async Task EvasionSpellingsAreCaught(string text)
    {
        var body = await _client.PostFilterAsync(new { text, mode = "NORMAL" });
        Assert.Equal(2000, body.Code());
        Assert.NotEmpty(body.Detected());
    }

    [Theory]
    [InlineData("시발점")]
    [InlineData("Scunthorpe")]
    [InlineData("操场")]
    public async Task AllowlistedWordsPass(string text)
    {
        var body = await _client.PostFilterAsync(new { text, mode = "FILTER" });
        Assert.Equal(2000, body.Code());
        Assert.Empty(body.Detected());
        Assert.Equal(text, body.Filtered());
    }

    [Fact]
    public async Task QuickModeReportsOnlyTheFirstHitAndNormalReportsAll()
    {
        const string text = "fuck this shit";
        var quick = await _client.PostFilterAsync(new { text, mode = "QUICK" });
        var normal = await _client.PostFilterAsync(new { text, mode = "NORMAL" });

        Assert.Equal("fuck", Assert.Single(quick.Detected()).GetProperty("matched").GetString());
        Assert.Equal(2, normal.Detected().Length);
        Assert.Equal(text, quick.Filtered());
        Assert.Equal(text, normal.Filtered());
    }

    [Fact]
    public async Task ModeIsCaseInsensitive()
    {
        var body = await _client.PostFilterAsync(new { text = "shit", mode = "filter" });
        Assert.Equal("****", body.Filtered());
    }

    [Fact]
    public async Task FormBodiesAreAccepted()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "f.u.c.k off, 操你媽", ["mode"] = "normal" });
        using var response = await _client.PostAsync("/api/v1/filter", content);
        var body = await FilterResponses.ReadAsync(response);

        Assert.Equal(2000, body.Code());
        Assert.Equal(["fuck", "操你妈"], body.Detected().Select(d => d.GetProperty("filteredWord").GetString()));
    }

    [Fact]
    public async Task BearerKeyIsAccepted()
    {
        using var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", FilterApiFactory.Key);
        var body = await client.PostFilterAsync(new { text = "hello", mode = "QUICK" });
        Assert.Equal(2000, body.Code());
    }

    [Theory]
    [InlineData("", "missing API key")]
    [InlineData("not-a-key", "unknown API key")]
    public async Task MissingOrUnknownKeyIsUnauthorized(string key, string detail)
    {
        using var client = api.Factory.CreateClient();
        if (key.Length > 0)
        {
            client.DefaultRequestHeaders.Add("x-api-key", key);
        }

        var body = await client.PostFilterAsync(new { text = "hello", mode = "QUICK" });
        Assert.Equal(4010, body.Code());
        Assert.Contains(detail, body.Detail(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "application/json", """{"mode":"FILTER"}""", "text is required" },
        { "application/json", """{"text":"","mode":"FILTER"}""", "text is empty" },
        { "application/json", """{"text":"hello"}""", "mode is required" },
        { "application/json", """{"text":"hello","mode":"STRICT"}""", "mode 'STRICT' is invalid" },
        { "application/json", """{"text":"hello","mode":"1"}""", "is invalid" },
        { "application/json", $$"""{"text":"{{new string('a', 10_001)}}","mode":"QUICK"}""", "longer than 10000 characters" },
        { "application/json", """{"text":"hello","mode":""", "malformed JSON" },
        { "application/json", $$"""{"text":"{{new string('a', 300_000)}}","mode":"QUICK"}""", "larger than 262144 bytes" },
        { "application/json", """["hello","QUICK"]""", "expected an object" },
        { "application/json", """{"text":5,"mode":"QUICK"}""", "text must be a string" },
        { "application/json", "", "request body is empty" },
        { "text/plain", "text=hello&mode=QUICK", "unsupported content type" },
        { "application/x-www-form-urlencoded", "mode=QUICK", "text is required" },
        { "application/json", """{"text":"hello","mode":"QUICK","callbackUrl":"ftp://example.com/x"}""", "absolute http or https" },
        { "application/json", """{"text":"hello","mode":"QUICK","callbackUrl":"/relative"}""", "absolute http or https" },
        { "application/json", """{"text":"hello","mode":"QUICK","callbackUrl":"http://no-such-host.invalid/"}""", "cannot be resolved" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInputIsABadRequestWithAReason(string contentType, string body, string detail)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        using var response = await _client.PostAsync("/api/v1/filter", content);
        var answer = await FilterResponses.ReadAsync(response);

        Assert.Equal(4000, answer.Code());
        Assert.Contains(detail, answer.Detail(), StringComparison.Ordinal);
        Assert.Empty(answer.Detected());
    }

    [Fact]
    public async Task OversizedChunkedBodyIsABadRequest()
    {
        // No Content-Length: the limit must hold while reading, not only from the header.
        var json = Encoding.UTF8.GetBytes($$"""{"text":"{{new string('a', 300_000)}}","mode":"QUICK"}""");
        using var content = new StreamContent(new MemoryStream(json));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _client.SendAsync(request);

        var answer = await FilterResponses.ReadAsync(response);
        Assert.Equal(4000, answer.Code());
        Assert.Contains("larger than", answer.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingContentTypeIsABadRequest()
    {
        using var content = new ByteArrayContent("""{"text":"hi","mode":"QUICK"}"""u8.ToArray());
        using var response = await _client.PostAsync("/api/v1/filter", content);
        Assert.Equal(4000, (await FilterResponses.ReadAsync(response)).Code());
    }

    [Fact]
    public async Task EveryAnswerCarriesATrackingIdAndElapsedTime()
    {
        var body = await _client.PostFilterAsync(new { text = "hello", mode = "QUICK" });
        Assert.True(Guid.TryParse(body.GetProperty("trackingId").GetString(), out _));
        Assert.Matches(@"^\d+\.\d{8} s / \d+\.\d{5} ms / \d+\.\d{3} µs$", body.GetProperty("elapsed").GetString());
    }

    [Fact]
    public async Task TextOfExactlyTheLimitIsAccepted()
    {
        var body = await _client.PostFilterAsync(new { text = new string('가', 10_000), mode = "FILTER" });
        Assert.Equal(2000, body.Code());
    }
}
