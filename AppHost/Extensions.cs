using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Small helpers the hosting extensions and <c>Program.cs</c> share.</summary>
internal static class AppHostExtensions
{
    /// <summary>
    /// Where a local resource keeps its data: <c>.state/NAME</c> at the repository root, or under
    /// <c>AppHost:StateDirectory</c> (tests give every graph its own folder).
    /// </summary>
    public static string StateDirectoryFor(this IDistributedApplicationBuilder builder, string name)
    {
        var root = builder.Configuration["AppHost:StateDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.AppHostDirectory, "..", ".state");
        var directory = Path.GetFullPath(Path.Combine(root, name));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// Whether infrastructure runs as containers: always when publishing, and locally when a container runtime
    /// is there to run them (<c>--AppHost:UseContainers true</c>); otherwise as programs installed from apt.
    /// </summary>
    public static bool UsesContainers(this IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode || builder.Configuration.GetValue<bool>("AppHost:UseContainers");

    /// <summary>The repository root, where the AppHost finds <c>model-servers/</c>.</summary>
    public static string RepositoryRoot(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

    /// <summary>
    /// A program's full path, looked up on PATH and in the sbin folders (Debian puts <c>mariadbd</c> in
    /// <c>/usr/sbin</c>, which is not on every user's PATH); null when it is not installed.
    /// </summary>
    public static string? FindExecutable(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Serves a project's <c>http</c> endpoint directly, without DCP's proxy in front (one hop less on the hot
    /// path): on <paramref name="port"/> when given, else on a free port DCP picks. Published services keep the
    /// platform's port. The service runs in Production, as deployed.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null) =>
        (builder.ApplicationBuilder.ExecutionContext.IsPublishMode ? builder.WithHttpEndpoint() : builder.WithHttpEndpoint(port: port, isProxied: false))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");

    /// <summary>A port from configuration (<c>Ports:NAME</c>), <paramref name="fallback"/> when unset; 0 means any free port.</summary>
    /// <summary>
    /// A connection string resource only when configuration gives one (<c>ConnectionStrings:NAME</c>), so the graph
    /// shows no resource that nothing would read; its value is kept secret like any parameter.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddOptionalConnectionString(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)) ? null : builder.AddConnectionString(name);

    public static IResourceBuilder<ProjectResource> WithOptionalReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString>? source) =>
        source is null ? builder : builder.WithReference(source);

    public static int? PortFromConfiguration(this IDistributedApplicationBuilder builder, string name, int fallback)
    {
        var port = builder.Configuration.GetValue($"Ports:{name}", fallback);
        return port > 0 ? port : null;
    }
}
