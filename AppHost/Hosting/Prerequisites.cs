namespace Aspire.Hosting.ApplicationModel;

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
