using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guard.Benchmarks;

/// <summary>
/// One chat completion over a plain <see cref="HttpClient"/>, to the upstream or the guard alike: the base address
/// (ending in <c>/v1/</c>), the bearer key and any <c>x-guard-*</c> headers are all that differ.
/// </summary>
internal sealed class ChatCalls(HttpClient http, Uri baseAddress, string key, IReadOnlyDictionary<string, string>? headers = null)
{
    /// <summary>A system prompt and a user message with personal data in both, so input masking has work to do.</summary>
    private static readonly JsonArray Messages =
    [
        new JsonObject { ["role"] = "system", ["content"] = "You are the assistant of Kim Minsu (kim.minsu@example.com). Answer briefly." },
        new JsonObject
        {
            ["role"] = "user",
            ["content"] = "Please summarise today's meeting for the team: the launch moves to Friday, the budget stays as planned, " +
                "and Lee Jiwon (010-9876-5432) sends the slides by tomorrow noon. Keep it to two sentences.",
        },
    ];

    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["model"] = FakeUpstream.Model, ["messages"] = Messages.DeepClone() });

    private static readonly byte[] StreamBody = JsonSerializer.SerializeToUtf8Bytes(
        new JsonObject { ["model"] = FakeUpstream.Model, ["messages"] = Messages.DeepClone(), ["stream"] = true });

    private readonly Uri _completions = new(baseAddress, "chat/completions");

    /// <summary>The user message the calls send, for the OpenAI SDK's row.</summary>
    public static string UserText => Messages[1]!["content"]!.GetValue<string>();

    public static string SystemText => Messages[0]!["content"]!.GetValue<string>();

    /// <summary>A non-streaming completion, read to the end; the answer's text for the sanity check.</summary>
    public async Task<(Sample Sample, string Body)> CompleteOnceAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(Request(Body));
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{_completions} answered {(int)response.StatusCode}: {text}");
        }

        return (new Sample(elapsed, elapsed), text);
    }

    public async Task<Sample> CompleteAsync() => (await CompleteOnceAsync()).Sample;

    /// <summary>A streamed completion: the time to the first chunk that carries content, and to the end of the stream.</summary>
    public async Task<Sample> StreamAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(Request(StreamBody), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        double? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (first is null && CarriesContent(line))
            {
                first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Sample(first ?? throw new InvalidOperationException($"{_completions} streamed no content"), total);
    }

    private static bool CarriesContent(string line)
    {
        if (!line.StartsWith("data: {", StringComparison.Ordinal))
        {
            return false;
        }

        using var chunk = JsonDocument.Parse(line.AsMemory(6));
        return chunk.RootElement.TryGetProperty("choices", out var choices)
            && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty("delta", out var delta)
            && delta.TryGetProperty("content", out var content)
            && content.ValueKind == JsonValueKind.String
            && content.GetString() is { Length: > 0 };
    }

    private HttpRequestMessage Request(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
