namespace AppHost.Hosting;

/// <summary><c>redis-server</c> on its own port and data directory, append-only file on, loopback only.</summary>
public sealed class RedisResource(string name) : Resource(name)
{
    public override string ConnectionString => $"127.0.0.1:{Port}";

    public override IEnumerable<(string Command, string Package)> Prerequisites => [("redis-server", "redis-server")];

    public override ProcessSpec CreateProcess()
    {
        var data = Path.Combine(StateDirectory, "data");
        Directory.CreateDirectory(data);
        return new ProcessSpec(
            "redis-server",
            ["--port", $"{Port}", "--bind", "127.0.0.1", "--dir", data, "--appendonly", "yes", "--save", "", "--daemonize", "no", "--protected-mode", "yes"],
            StateDirectory,
            new Dictionary<string, string>());
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.TcpExchangeAsync(Port, "PING\r\n", "+PONG", cancellationToken);
}
