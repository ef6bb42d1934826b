namespace AppHost.Hosting;

/// <summary>How a run of the app model behaves: an interactive run, or a test's isolated graph.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Where data, logs and generated parameters live. Default: <c>.state/</c> at the repository root.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Honour the fixed ports of the app model (5080, 5090); tests set false so each graph gets free ports.</summary>
    public bool UseFixedPorts { get; init; } = true;

    /// <summary>Build projects before starting them; tests set false and rely on the solution build.</summary>
    public bool BuildProjects { get; init; } = true;

    /// <summary>Start only these resources (and what they wait for or reference); null starts the whole graph.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }

    /// <summary>Build configuration of the projects; defaults to the AppHost's own.</summary>
    public string? Configuration { get; init; }

    /// <summary>Where the console view and the prefixed logs go; null keeps them in the log files only.</summary>
    public TextWriter? Console { get; init; }

    /// <summary>Delete the state folder when the application is disposed (tests: a MariaDB data folder is ~100 MB).</summary>
    public bool DeleteStateOnDispose { get; init; }

    /// <summary>Longest wait for one resource to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
