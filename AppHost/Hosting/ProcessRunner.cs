using System.Diagnostics;
using System.Globalization;

namespace AppHost.Hosting;

/// <summary>Starts resource processes with their logs prefixed and kept in a file, and stops them gently, then firmly.</summary>
internal static class ProcessRunner
{
    public static Process Start(ProcessSpec spec, string logFile, Action<string> onLine)
    {
        var start = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // so the child never reads the orchestrator's terminal
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var openStreams = 2;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };

        // The log closes when both output streams have ended, not when the process exits: the last lines
        // can arrive after the Exited event.
        void Receive(string? line)
        {
            lock (log)
            {
                if (line is not null)
                {
                    log.WriteLine(line);
                }
                else if (--openStreams == 0)
                {
                    log.Dispose();
                }
            }

            if (line is not null)
            {
                onLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, then after <paramref name="grace"/> SIGKILL to the whole tree.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM lets redis flush its append-only file and mariadbd shut InnoDB down cleanly.
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C while a project builds: the build (and the MSBuild nodes it started) must not outlive us.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>Whether <paramref name="command"/> is on the PATH (or is a path to an existing file).</summary>
    public static bool IsInstalled(string command) =>
        command.Contains('/', StringComparison.Ordinal)
            ? File.Exists(command)
            : (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .Concat(["/usr/sbin", "/sbin"])
                .Any(dir => File.Exists(Path.Combine(dir, command)));
}
