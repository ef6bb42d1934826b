using System.Diagnostics;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Short-lived programs the hosting extensions run before or after a resource starts.</summary>
internal static class Programs
{
    /// <summary>Runs <paramref name="command"/> to its end, <paramref name="input"/> on standard input (secrets go there, never on a command line).</summary>
    /// <returns>What it wrote on standard output.</returns>
    /// <exception cref="DistributedApplicationException">It did not start, or exited with an error.</exception>
    public static async Task<string> RunAsync(string command, string? input, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(AppHostExtensions.FindExecutable(command) ?? command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"{command} did not start");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{command} failed with exit code {process.ExitCode}: {await output}{await error}");
        }

        return await output;
    }
}
