using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary>FilterApi with the guard in front of a <see cref="GuardFakeUpstream"/>; the model servers and Ollama absent, so the lexicon tier decides.</summary>
public sealed class GuardHost : IAsyncDisposable
{
    /// <summary>Abusive by the lexicon tier alone (an evasion spelling), whatever the absent models would say.</summary>
    public const string Abusive = "아 진짜 시1발 왜 이래";

    private GuardHost(GuardFakeUpstream upstream, FilterApiFactory api)
    {
        Upstream = upstream;
        Api = api;
        Client = api.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new("Bearer", FilterApiFactory.Key);
    }

    public GuardFakeUpstream Upstream { get; }

    public FilterApiFactory Api { get; }

    /// <summary>Sends the gateway key as OpenAI clients do, <c>Authorization: Bearer</c>.</summary>
    public HttpClient Client { get; }

    public static async Task<GuardHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        var upstream = await GuardFakeUpstream.StartAsync();
        var all = new Dictionary<string, string?> { ["ConnectionStrings:llm"] = upstream.ConnectionString };
        foreach (var (name, value) in settings ?? [])
        {
            all[name] = value;
        }

        return new GuardHost(upstream, new FilterApiFactory(all, replaceServices));
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON as a reader sees it: Korean and Chinese unescaped, so a search for a word finds it where it is.</summary>
    public static string Unescaped(JsonNode? node) => node?.ToJsonString(Readable) ?? "";

    /// <summary>Every event's payload unescaped and joined.</summary>
    public static string Unescaped(IEnumerable<string> events) =>
        string.Join("\n", events.Select(e => e == "[DONE]" ? e : Unescaped(JsonNode.Parse(e))));

    public static JsonObject Chat(params (string Role, JsonNode Content)[] messages) => new()
    {
        ["model"] = "qwen-test",
        ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
    };

    public static JsonObject Ask(string user) => Chat(("user", user));

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(JsonObject request, params (string Name, string Value)[] headers)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(request) };
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        var response = await Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response, (JsonObject)JsonNode.Parse(text)!);
    }

    /// <summary>Streams a request and returns every <c>data:</c> payload in order, and the raw body.</summary>
    public async Task<(List<string> Events, string Raw)> StreamAsync(JsonObject request, params (string Name, string Value)[] headers)
    {
        request["stream"] = true;
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(request) };
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        using var response = await Client.SendAsync(message);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var events = raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => Assert.Single(e.Split('\n'), l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])
            .ToList();
        return (events, raw);
    }

    /// <summary>The content the client assembles from the chunks of choice 0, and the last finish_reason.</summary>
    public static (string Content, string? FinishReason) Assemble(IEnumerable<string> events)
    {
        var (content, finish) = ("", (string?)null);
        foreach (var data in events.Where(e => e != "[DONE]"))
        {
            foreach (var choice in JsonNode.Parse(data)!["choices"]!.AsArray())
            {
                content += choice!["delta"]?["content"]?.GetValue<string>() ?? "";
                finish = choice["finish_reason"]?.GetValue<string>() ?? finish;
            }
        }

        return (content, finish);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
