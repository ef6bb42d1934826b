using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FilterApi.Tests;

/// <summary>What the fake upstream answers one chat completion with.</summary>
public abstract record UpstreamReply
{
    /// <summary>The assistant's content: one message, or streamed in exactly these pieces; after an optional delay.</summary>
    public sealed record Chunks(IReadOnlyList<string> Pieces, TimeSpan Delay = default, TimeSpan BetweenChunks = default) : UpstreamReply;

    /// <summary>An HTTP error with an OpenAI error body.</summary>
    public sealed record Status(int Code, string Message = "scripted failure") : UpstreamReply;

    public static UpstreamReply Text(string text, TimeSpan delay = default) => new Chunks([text], delay);
}

/// <summary>
/// An OpenAI-protocol server on a real loopback socket: <c>POST /v1/chat/completions</c> (one JSON answer, or
/// server-sent chunks when the request streams) and <c>GET /v1/models</c>. Answers as a test scripts it and
/// records every request body and Authorization header as received.
/// </summary>
public sealed class GuardFakeUpstream : IAsyncDisposable
{
    public const string UpstreamKey = "sk-upstream-only-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(JsonObject Body, string? Authorization)> _requests = new();
    private int _abandoned;

    private GuardFakeUpstream(WebApplication app) => _app = app;

    public Func<JsonObject, UpstreamReply> Reply { get; set; } = _ => UpstreamReply.Text("Hello! How can I help?");

    public Uri Endpoint => new(_app.Urls.Single());

    public IReadOnlyList<JsonObject> Requests => [.. _requests.Select(r => r.Body)];

    public IReadOnlyList<string?> Authorizations => [.. _requests.Select(r => r.Authorization)];

    /// <summary>Streams the client stopped reading before they ended.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public string ConnectionString => $"Endpoint={Endpoint.GetLeftPart(UriPartial.Authority)}/v1;Key={UpstreamKey}";

    /// <summary>A connection string for a port nothing listens on.</summary>
    public static string Unreachable()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return $"Endpoint=http://127.0.0.1:{port}/v1";
    }

    public static async Task<GuardFakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new GuardFakeUpstream(app);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "qwen-test", @object = "model", created = 1_700_000_000, owned_by = "test" } } }));
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        _requests.Enqueue((body, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null));
        var reply = Reply(body);
        if (reply is UpstreamReply.Status status)
        {
            context.Response.StatusCode = status.Code;
            await context.Response.WriteAsJsonAsync(new { error = new { message = status.Message, type = "server_error", code = "scripted", param = (string?)null } });
            return;
        }

        var chunks = (UpstreamReply.Chunks)reply;
        var model = body["model"]?.GetValue<string>() ?? "qwen-test";
        try
        {
            await Task.Delay(chunks.Delay, context.RequestAborted);
            if (body["stream"]?.GetValue<bool>() != true)
            {
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["id"] = "chatcmpl-test",
                    ["object"] = "chat.completion",
                    ["created"] = 1_700_000_000,
                    ["model"] = model,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(chunks.Pieces) },
                        ["finish_reason"] = "stop",
                    }),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
                });
                return;
            }

            context.Response.ContentType = "text/event-stream";
            await WriteAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
            foreach (var piece in chunks.Pieces)
            {
                await Task.Delay(chunks.BetweenChunks, context.RequestAborted);
                await WriteAsync(context, Chunk(model, new JsonObject { ["content"] = piece }, null));
            }

            await WriteAsync(context, Chunk(model, [], "stop"));
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            Interlocked.Increment(ref _abandoned);
        }
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
