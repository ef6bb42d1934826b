using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

internal static class StartChecks
{
    /// <summary>
    /// Runs <paramref name="prepare"/> before each start of the resource; when it fails, the reason (with the fix)
    /// goes to the resource's own console log, where the dashboard shows it, and the resource fails to start.
    /// </summary>
    public static IResourceBuilder<T> OnBeforeStart<T>(this IResourceBuilder<T> builder, Func<T, CancellationToken, Task> prepare)
        where T : IResource =>
        builder.OnBeforeResourceStarted(async (resource, started, cancellationToken) =>
        {
            try
            {
                await prepare(resource, cancellationToken);
            }
            catch (DistributedApplicationException exception)
            {
                var logger = started.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                HostingLog.CannotStart(logger, exception.Message);
                throw;
            }
        });
}

/// <summary>What a local resource needs installed, checked before it starts so that its log names the fix.</summary>
internal static class Prerequisites
{
    /// <summary>Fails the start of a resource whose program is missing, with the Debian package that provides it.</summary>
    public static void Require(string command, string package)
    {
        if (AppHostExtensions.FindExecutable(command) is null)
        {
            throw new DistributedApplicationException($"'{command}' is not installed: install it with 'sudo apt-get install {package}' (or run ./run.sh, which does)");
        }
    }
}

/// <summary>Files that hold secrets: created owner-only from the first byte, never readable by others even briefly.</summary>
internal static class SecretFile
{
    public static void Write(string path, string contents)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, contents); // ACLs of the user profile; the local stack targets Linux
            return;
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an older file may have had wider rights
    }
}
