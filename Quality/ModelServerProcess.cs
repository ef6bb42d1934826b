using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Moderation.ModelServers;

namespace Quality;

/// <summary>
/// A model server for the quality command: the one at a given URL, or <c>model-servers/serve.py</c> started on a
/// free port with Debian's Python and stopped at the end, so the numbers come from the servers as deployed.
/// </summary>
internal sealed class ModelServerProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly HttpClient _http;

    private ModelServerProcess(string name, Uri url, Process? process)
    {
        Name = name;
        _process = process;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        Client = new ModelServerClient(_http);
    }

    public string Name { get; }

    public ModelServerClient Client { get; }

    public static async Task<ModelServerProcess> StartAsync(string name, string? url, string repositoryRoot)
    {
        if (url is not null)
        {
            return new ModelServerProcess(name, new Uri(url.TrimEnd('/') + "/"), null);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(repositoryRoot, "model-servers", "serve.py"), name, "--port", $"{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {name} server");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginErrorReadLine();
        var server = new ModelServerProcess(name, new Uri($"http://127.0.0.1:{port}/"), process);
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the {name} server exited: {errors}");
            }

            try
            {
                await server.Client.HealthAsync(CancellationToken.None);
                return server;
            }
            catch (HttpRequestException)
            {
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException($"the {name} server did not answer /health within 90 s");
    }

    /// <summary>Every text's prediction, in batches of the servers' maximum.</summary>
    public async Task<IReadOnlyList<ModelPrediction>> PredictAllAsync(IReadOnlyList<string> texts)
    {
        var results = new List<ModelPrediction>(texts.Count);
        foreach (var batch in texts.Chunk(ModelServerLimits.MaxTexts))
        {
            results.AddRange(await Client.PredictAsync(batch, CancellationToken.None));
        }

        return results;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
