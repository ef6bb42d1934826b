using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AppHost.Tests;

/// <summary>
/// The AppHost as a user runs it: a separate process with the dashboard on, its console captured, signalled
/// like a terminal would. Its processes carry a marker in their environment, so the test finds them all, DCP's
/// own included, wherever they were reparented.
/// </summary>
internal sealed class AppHostProcess : IDisposable
{
    private const string MarkerVariable = "APPHOST_TEST_MARKER";
    private readonly StringBuilder _output = new();
    private readonly string _marker = Guid.NewGuid().ToString("N");

    private AppHostProcess(ProcessStartInfo start, string stateDirectory)
    {
        StateDirectory = stateDirectory;
        start.Environment[MarkerVariable] = _marker;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => Append(e.Data);
        Process.ErrorDataReceived += (_, e) => Append(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string StateDirectory { get; }

    public int DashboardPort { get; private init; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="arguments">Extra AppHost arguments (configuration or a publisher).</param>
    /// <param name="environment">Extra environment, e.g. the dashboard's API key.</param>
    public static AppHostProcess Start(int filterApiPort, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = RepositoryRoot();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!); // bin/{configuration}/net10.0
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        var stateDirectory = Path.Combine(Path.GetTempPath(), "apphost-tests", Guid.NewGuid().ToString("N"));
        var dashboardPort = FreePort();
        start.ArgumentList.Add(Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "AppHost.dll"));
        foreach (var argument in (string[])[$"--AppHost:StateDirectory={stateDirectory}", $"--Ports:filterapi={filterApiPort}", "--Ports:dashboard=0", .. arguments ?? []])
        {
            start.ArgumentList.Add(argument);
        }

        // What launchSettings.json gives `dotnet run`, on ports of this test's own.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboardPort}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new AppHostProcess(start, stateDirectory) { DashboardPort = dashboardPort };
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Every live process of this AppHost's graph: those that inherited the marker (the AppHost's children, DCP,
    /// which detaches from it) and everything below them (the resources DCP starts with environments of their own).
    /// </summary>
    public List<int> GraphProcesses()
    {
        var marked = Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Process.Id && HasMarker(pid))
            .ToList();
        return [.. marked.Concat(marked.SelectMany(ProcessTree.Descendants)).Distinct()];
    }

    public static string CommandLineOf(int pid) => ProcessTree.CommandLine(pid);

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        foreach (var pid in GraphProcesses())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        Process.Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private bool HasMarker(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Contains($"{MarkerVariable}={_marker}", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "aspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("aspire.sln not found");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
