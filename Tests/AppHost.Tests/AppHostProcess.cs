using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AppHost.Tests;

/// <summary>The AppHost as a user runs it: a separate process, its console captured, signalled like a terminal would.</summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string StateDirectory { get; private init; } = "";

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

    public static AppHostProcess Start(int filterApiPort, string? path = null)
    {
        var root = RepositoryRoot();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!); // bin/{configuration}/net10.0
        var start = new ProcessStartInfo(System.Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? System.Environment.ProcessPath : "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "AppHost.dll"));
        var stateDirectory = Path.Combine(Path.GetTempPath(), "apphost-tests", Guid.NewGuid().ToString("N"));
        start.Environment["APPHOST_STATE_DIR"] = stateDirectory;
        start.Environment["Ports__filterapi"] = filterApiPort.ToString(CultureInfo.InvariantCulture);
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        return new AppHostProcess(Process.Start(start)!) { StateDirectory = stateDirectory };
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every process below this one, found through /proc (children of children included).</summary>
    public List<int> Descendants()
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (parents.TryGetValue(parent, out var list) ? list : parents[parent] = []).Add(pid);
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([Process.Id]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in parents.GetValueOrDefault(pid, []))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

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

        Process.Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
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
