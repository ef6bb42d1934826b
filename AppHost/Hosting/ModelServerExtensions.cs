using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class ModelServerExtensions
{
    private static readonly Dictionary<string, (string Module, string Package)[]> ModelModules = new()
    {
        ["fasttext"] = [("fasttext", "python3-fasttext")],
        ["kobert"] = [("torch", "python3-torch"), ("sentencepiece", "python3-sentencepiece")],
    };

    /// <summary>
    /// A model server of the ML tier: <c>/usr/bin/python3 model-servers/serve.py NAME</c> on the port in
    /// <c>PORT</c>, healthy once <c>/health</c> answers (the model is loaded before the port opens). A missing
    /// Python library fails its start with the apt package to install, and nothing else. Published as the
    /// image <c>model-servers/Dockerfile</c> builds.
    /// </summary>
    public static IResourceBuilder<ModelServerResource> AddModelServer(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new ModelServerResource(name, Path.Combine(builder.RepositoryRoot(), "model-servers"));
        resource.Modules.AddRange(ModelModules.GetValueOrDefault(name, []));
        return builder.AddResource(resource)
            .WithArgs("serve.py", name)
            .WithHttpEndpoint(env: "PORT", isProxied: false)
            .WithEnvironment("PYTHONUNBUFFERED", "1") // console logs as they happen
            .WithEnvironment("PYTHONDONTWRITEBYTECODE", "1")
            .WithHttpHealthCheck("/health")
            .OnBeforeStart(RequireModulesAsync)
            .PublishAsDockerFile(container => container
                .WithEnvironment("HOST", "0.0.0.0")
                .WithEnvironment("MODEL", name)); // one image serves either model
    }

    /// <summary>One interpreter asks for every module without importing any (importing torch alone takes seconds).</summary>
    private static async Task RequireModulesAsync(ModelServerResource server, CancellationToken cancellationToken)
    {
        const string FindMissing = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";
        if (!File.Exists(ModelServerResource.Interpreter))
        {
            throw new DistributedApplicationException($"{ModelServerResource.Interpreter} is missing: install it with 'sudo apt-get install python3'");
        }

        if (!File.Exists(Path.Combine(server.WorkingDirectory, "serve.py")))
        {
            throw new DistributedApplicationException($"{server.WorkingDirectory}/serve.py is missing: the model servers are not in this checkout");
        }

        var output = await Programs.RunAsync(
            ModelServerResource.Interpreter, input: null, cancellationToken, ["-c", FindMissing, .. server.Modules.Select(m => m.Module)]);
        var absent = output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var missing = server.Modules.Where(m => absent.Contains(m.Module)).Select(m => m.Package).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"missing Python libraries: install them with 'sudo apt-get install {string.Join(' ', missing)}' (FilterApi answers degraded meanwhile)");
        }
    }
}
