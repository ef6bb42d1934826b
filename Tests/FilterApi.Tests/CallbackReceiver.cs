using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FilterApi.Tests;

/// <summary>A real HTTP server on a loopback port that records the results POSTed to it, failing the first N.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<(string? Signature, byte[] Body)> _raw = Channel.CreateUnbounded<(string?, byte[])>();
    private int _failuresLeft;

    private CallbackReceiver(int port, int failFirst, bool endlessAnswer)
    {
        Port = port;
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/results", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            await _raw.Writer.WriteAsync((request.Headers["X-Gateway-Signature"].FirstOrDefault(), buffer.ToArray()));
            await _received.Writer.WriteAsync(JsonSerializer.Deserialize<JsonElement>(buffer.ToArray()).Clone());
            return endlessAnswer ? Results.Stream(EndlessAsync) : Results.Ok();
        });
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/results";

    public int Attempts { get; private set; }

    /// <param name="endlessAnswer">Answer 200 with a body that never ends, as a hostile receiver would.</param>
    public static async Task<CallbackReceiver> StartAsync(int? port = null, int failFirst = 0, bool endlessAnswer = false)
    {
        var receiver = new CallbackReceiver(port ?? FreePort(), failFirst, endlessAnswer);
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>A loopback port nobody listens on (yet).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>The next result as it arrived: its signature header and its exact bytes.</summary>
    public async Task<(string? Signature, byte[] Body)> NextRawAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _raw.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task EndlessAsync(Stream body)
    {
        var chunk = new byte[16 * 1024];
        while (true)
        {
            await body.WriteAsync(chunk); // ends when the client goes away
            await body.FlushAsync();
        }
    }
}
