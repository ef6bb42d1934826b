namespace AppHost.Hosting;

/// <summary>
/// A Python HTTP service of this repository run by Debian's <c>/usr/bin/python3</c> (its libraries come from apt,
/// not PyPI), as Aspire's <c>AddPythonApp</c>: <c>python3 SCRIPT ARGS --port PORT</c>, healthy when
/// <c>GET /health</c> answers 200. Referencing it gives <c>services__{name}__http__0</c>.
/// </summary>
public sealed class PythonAppResource(string name, string workingDirectory, string script, IReadOnlyList<string> arguments) : Resource(name)
{
    public const string Interpreter = "/usr/bin/python3";

    public string WorkingDirectory { get; } = workingDirectory;

    public string Script { get; } = script;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>Python modules the service imports, with the Debian package that provides each.</summary>
    public List<(string Module, string Package)> Modules { get; } = [];

    public override string Url => $"http://localhost:{Port}";

    public override bool RestartOnCrash => true;

    public override IEnumerable<(string Command, string Package)> Prerequisites => [(Interpreter, "python3")];

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // A missing library would otherwise show as a crash loop; name the packages instead. One interpreter asks
        // for every module without importing any (importing torch alone takes seconds).
        const string FindMissing = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";
        var probe = await ProcessRunner.RunToEndAsync(Interpreter, ["-c", FindMissing, .. Modules.Select(m => m.Module)], cancellationToken);
        var absent = probe.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var missing = Modules.Where(m => absent.Contains(m.Module)).Select(m => m.Package).Distinct().ToList();
        if (probe.ExitCode != 0 || missing.Count > 0)
        {
            throw new InvalidOperationException($"missing Python libraries: install them with 'sudo apt-get install {string.Join(' ', missing)}'"
                + (probe.ExitCode != 0 ? $" ({Interpreter} failed: {probe.Output.Trim()})" : ""));
        }
    }

    public override ProcessSpec CreateProcess() => new(
        Interpreter,
        [Script, .. Arguments, "--port", $"{Port}"],
        WorkingDirectory,
        new Dictionary<string, string>
        {
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        });

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.HttpOkAsync($"http://127.0.0.1:{Port}/health", cancellationToken);
}
