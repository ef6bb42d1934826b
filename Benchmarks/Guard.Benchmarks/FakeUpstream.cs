using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.Benchmarks;

/// <summary>
/// An OpenAI-protocol upstream on a real loopback socket that answers at once: <c>POST /v1/chat/completions</c>
/// (one JSON answer, or <see cref="StreamChunks"/> server-sent chunks when the request streams) and
/// <c>GET /v1/models</c>. Its answers are serialized once, so what it costs per request is the socket and the
/// request's parse, the same whether the client or the guard calls it.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const string Model = "bench-model";
    public const string Phone = "010-1234-5678";
    public const string Answer = $"Here is the summary you asked for. Call {Phone}.";
    public const int StreamChunks = 20;

    /// <summary>The streamed answer, a phone number in it: 39 words, two a chunk.</summary>
    public static readonly IReadOnlyList<string> StreamPieces = Split(
        $"Sure. Here is a short summary of the meeting. The launch moves to Friday and the budget stays as planned. " +
        $"If anything is unclear, Call {Phone}. Thanks for asking, and have a good day! The notes follow by mail.");

    private static readonly byte[] Completion = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["id"] = "chatcmpl-bench",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Answer },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 40, ["completion_tokens"] = 12, ["total_tokens"] = 52 },
    });

    private static readonly byte[][] Events =
    [
        Event(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null),
        .. StreamPieces.Select(p => Event(new JsonObject { ["content"] = p }, null)),
        Event([], "stop"),
        "data: [DONE]\n\n"u8.ToArray(),
    ];

    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>The base address an OpenAI client is given, ending in <c>/v1/</c>.</summary>
    public Uri BaseAddress => new($"{_app.Urls.Single().TrimEnd('/')}/v1/");

    public string ConnectionString => $"Endpoint={BaseAddress.ToString().TrimEnd('/')};Key=sk-bench";

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = Model, @object = "model", created = 1_700_000_000, owned_by = "bench" } } }));
        app.MapPost("/v1/chat/completions", CompleteAsync);
        await app.StartAsync();
        return new FakeUpstream(app);
    }

    private static async Task CompleteAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var streams = body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        if (!streams)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Completion, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var frame in Events)
        {
            // One write and flush per chunk, as a model server sends them.
            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static byte[] Event(JsonObject delta, string? finish) => Encoding.UTF8.GetBytes("data: " + new JsonObject
    {
        ["id"] = "chatcmpl-bench",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString() + "\n\n");

    private static string[] Split(string text)
    {
        var words = text.Split(' ');
        var perChunk = (words.Length + StreamChunks - 1) / StreamChunks;
        return [.. words.Chunk(perChunk).Select((c, i) => (i == 0 ? "" : " ") + string.Join(' ', c))];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
