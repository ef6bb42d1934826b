namespace AppHost.Hosting;

/// <summary>
/// A .NET project of this repository, built once and run as a process on its HTTP port. Referencing it gives
/// <c>services__{name}__http__0</c>, the service-discovery contract.
/// </summary>
public sealed class ProjectResource(string name, string projectPath, string configuration) : Resource(name)
{
    public string ProjectPath { get; } = projectPath;

    public override string Url => $"http://localhost:{Port}";

    public override bool RestartOnCrash => true;

    private string AssemblyPath => Path.Combine(
        Path.GetDirectoryName(ProjectPath)!, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(ProjectPath) + ".dll");

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // Build once per run so the process starts from the current sources (incremental: seconds when up to date).
        var build = await ProcessRunner.RunToEndAsync("dotnet", ["build", ProjectPath, "-c", configuration, "-nologo", "-v", "q"], cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {ProjectPath} failed:\n{build.Output}");
        }
    }

    public override ProcessSpec CreateProcess() => new(
        "dotnet",
        [AssemblyPath],
        Path.GetDirectoryName(ProjectPath)!,
        new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = Name,
        });

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.HttpOkAsync($"http://127.0.0.1:{Port}/health", cancellationToken);
}
