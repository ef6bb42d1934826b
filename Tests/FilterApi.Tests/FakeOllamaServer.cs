using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FilterApi.Tests;

/// <summary>What the fake answers one <c>/api/chat</c> with.</summary>
public abstract record FakeChatReply
{
    /// <summary>The assistant's message content (a verdict JSON, or anything else), after an optional delay.</summary>
    public sealed record Content(string Text, TimeSpan Delay = default) : FakeChatReply;

    /// <summary>An HTTP error with Ollama's error body.</summary>
    public sealed record Status(int Code) : FakeChatReply;

    public static FakeChatReply Verdict(string verdict, double score, string reason, params string[] categories) =>
        new Content(JsonSerializer.Serialize(new { verdict, categories, score, reason }));
}

/// <summary>
/// An Ollama-protocol server on a real loopback socket: <c>POST /api/chat</c> (one JSON object, or NDJSON chunks
/// when the request streams), <c>GET /api/version</c> and <c>GET /api/tags</c>. Answers as a test scripts it and
/// records every chat request body as sent.
/// </summary>
public sealed class FakeOllamaServer : IAsyncDisposable
{
    public const string Model = "qwen2.5:1.5b-instruct";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _chats = new();
    private int _lateReplies;

    private FakeOllamaServer(WebApplication app) => _app = app;

    /// <summary>Decides each chat answer from the request body; a safe verdict unless a test says otherwise.</summary>
    public Func<JsonElement, FakeChatReply> Reply { get; set; } = _ => FakeChatReply.Verdict("safe", 0.02, "Ordinary friendly conversation.");

    /// <summary>The models <c>/api/tags</c> lists.</summary>
    public IReadOnlyList<string> Models { get; set; } = [Model];

    public Uri Endpoint => new(_app.Urls.Single());

    public int ChatCalls => _chats.Count;

    public IReadOnlyList<JsonElement> ChatRequests => [.. _chats];

    /// <summary>Delayed answers whose delay ran out before the client gave up.</summary>
    public int LateReplies => Volatile.Read(ref _lateReplies);

    public string ConnectionString(string model = Model) => $"Endpoint={Endpoint.GetLeftPart(UriPartial.Authority)};Model={model}";

    public static async Task<FakeOllamaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOllamaServer(app);
        app.MapGet("/api/version", () => Results.Json(new { version = "0.12.0" }));
        app.MapGet("/api/tags", () => Results.Json(new
        {
            models = server.Models.Select(name => new
            {
                name,
                model = name,
                modified_at = "2026-01-01T00:00:00Z",
                size = 986_061_892L,
                digest = new string('0', 64),
                details = new { format = "gguf", family = "qwen2", parameter_size = "1.5B", quantization_level = "Q4_K_M" },
            }),
        }));
        app.MapPost("/api/chat", server.ChatAsync);
        await app.StartAsync();
        return server;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var body = (await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body)).Clone();
        _chats.Enqueue(body);
        var reply = Reply(body);
        if (reply is FakeChatReply.Status status)
        {
            context.Response.StatusCode = status.Code;
            await context.Response.WriteAsJsonAsync(new { error = "scripted failure" });
            return;
        }

        var content = (FakeChatReply.Content)reply;
        if (content.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(content.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up first
            }

            Interlocked.Increment(ref _lateReplies);
        }

        var model = body.GetProperty("model").GetString();
        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            // NDJSON: the content in pieces, then a closing object with an empty message and the statistics.
            context.Response.ContentType = "application/x-ndjson";
            for (var start = 0; start < content.Text.Length; start += 8)
            {
                var piece = content.Text.Substring(start, Math.Min(8, content.Text.Length - start));
                await context.Response.WriteAsync(Chunk(model, piece, done: false).ToJsonString() + "\n");
                await context.Response.Body.FlushAsync();
            }

            await context.Response.WriteAsync(Chunk(model, "", done: true).ToJsonString() + "\n");
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Chunk(model, content.Text, done: true).ToJsonString());
    }

    private static JsonObject Chunk(string? model, string content, bool done)
    {
        var chunk = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = "2026-01-01T00:00:00.000000Z",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["done"] = done,
        };
        if (done)
        {
            chunk["done_reason"] = "stop";
            chunk["total_duration"] = 1_000_000;
            chunk["load_duration"] = 100_000;
            chunk["prompt_eval_count"] = 300;
            chunk["prompt_eval_duration"] = 500_000;
            chunk["eval_count"] = 40;
            chunk["eval_duration"] = 400_000;
        }

        return chunk;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
