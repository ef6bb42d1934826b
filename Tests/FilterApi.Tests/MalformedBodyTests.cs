using System.Net.Http.Headers;
using System.Text;

namespace FilterApi.Tests;

/// <summary>Bodies that get past the content-type check but break the readers' limits or Unicode rules.</summary>
public class MalformedBodyTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private readonly HttpClient _client = api.Factory.CreateAuthorizedClient();

    [Fact]
    public async Task InvalidUtf8InJsonIsABadRequest()
    {
        byte[] body = [.. "{\"text\":\""u8, 0xFF, 0xFE, .. "\",\"mode\":\"QUICK\"}"u8];
        var answer = await PostAsync(new ByteArrayContent(body), "application/json");

        Assert.Equal(4000, answer.Code());
        Assert.Contains("text is not valid Unicode text", answer.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpairedSurrogateInJsonIsABadRequest()
    {
        var answer = await PostAsync(new StringContent("""{"text":"\ud800 fuck","mode":"FILTER"}"""), "application/json");

        Assert.Equal(4000, answer.Code());
        Assert.Contains("text is not valid Unicode text", answer.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedChunkedFormIsABadRequest()
    {
        // Without Content-Length the read stops at the body limit, not at the end of the stream.
        var form = Encoding.ASCII.GetBytes("mode=QUICK&text=" + new string('a', 5_000_000));
        var answer = await PostAsync(new StreamContent(new MemoryStream(form)), "application/x-www-form-urlencoded", chunked: true);

        Assert.Equal(4000, answer.Code());
        Assert.Contains("request body is larger than 262144 bytes", answer.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormWithTooManyFieldsIsABadRequest()
    {
        var form = string.Join('&', Enumerable.Range(0, 20).Select(i => $"f{i}=x")) + "&text=hello&mode=QUICK";
        var answer = await PostAsync(new StringContent(form), "application/x-www-form-urlencoded");

        Assert.Equal(4000, answer.Code());
        Assert.Contains("value count limit 16 exceeded", answer.Detail(), StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> PostAsync(HttpContent content, string contentType, bool chunked = false)
    {
        using (content)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = content };
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await _client.SendAsync(request);
            return await FilterResponses.ReadAsync(response);
        }
    }
}
