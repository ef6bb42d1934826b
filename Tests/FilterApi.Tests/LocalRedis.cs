using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace FilterApi.Tests;

/// <summary>A throwaway <c>redis-server</c> (Debian's) on a loopback port, without persistence, for tests that need real streams.</summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly Process _server;

    private LocalRedis(int port, Process server, ConnectionMultiplexer client)
    {
        Port = port;
        _server = server;
        Client = client;
    }

    public int Port { get; }

    public ConnectionMultiplexer Client { get; }

    /// <summary>FilterApi's <c>ConnectionStrings:redis</c> for a Redis on <paramref name="port"/>, whether it runs or not.</summary>
    public static string ConnectionString(int port) => $"127.0.0.1:{port},abortConnect=false,connectTimeout=500";

    /// <summary>A loopback port nothing listens on (a Redis that is down).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<LocalRedis> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort();
        var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        server.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{chosen},connectTimeout=500");
                await client.GetDatabase().PingAsync();
                return new LocalRedis(chosen, server, client);
            }
            catch (RedisConnectionException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _server.Kill();
        await _server.WaitForExitAsync();
        _server.Dispose();
    }
}
