using System.Net.Sockets;
using System.Net;

namespace AppHost.Tests;

public class LifecycleTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task SigintStopsEveryProcessOfTheGraph()
    {
        var port = AppHostProcess.FreePort();
        using var apphost = AppHostProcess.Start(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilAsync(async () => (await TryGetAsync(http, "/health")) == HttpStatusCode.OK, StartPatience, apphost);

        var children = apphost.Descendants();
        Assert.True(children.Count >= 3, $"expected redis-server, mariadbd and FilterApi below the AppHost, found {children.Count}");

        apphost.Signal("INT");
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await apphost.Process.WaitForExitAsync(exit.Token);

        Assert.Equal(0, apphost.Process.ExitCode);
        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} outlived the AppHost"));
    }

    [Fact]
    public async Task APortInUseFailsWithAClearMessageAndANonZeroExit()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        using var apphost = AppHostProcess.Start(port);
        using var exit = new CancellationTokenSource(StartPatience);
        await apphost.Process.WaitForExitAsync(exit.Token);

        Assert.NotEqual(0, apphost.Process.ExitCode);
        Assert.Contains($"port {port} is in use", apphost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingBinaryNamesThePackageToInstall()
    {
        // A PATH without /usr/bin hides redis-server (mariadbd stays findable in /usr/sbin).
        using var apphost = AppHostProcess.Start(AppHostProcess.FreePort(), path: "/nonexistent");
        using var exit = new CancellationTokenSource(StartPatience);
        await apphost.Process.WaitForExitAsync(exit.Token);

        Assert.NotEqual(0, apphost.Process.ExitCode);
        Assert.Contains("apt-get install", apphost.Output, StringComparison.Ordinal);
        Assert.Contains("redis-server", apphost.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, AppHostProcess apphost)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (apphost.Process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the graph did not become healthy:\n{apphost.Output}");
            }

            await Task.Delay(500);
        }
    }
}
