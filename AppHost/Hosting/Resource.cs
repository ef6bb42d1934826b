namespace AppHost.Hosting;

/// <summary>A node of the app model: something that runs, has a port, and tells when it is healthy.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>Resources whose connection information this one receives as environment variables.</summary>
    public List<Resource> References { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Plain environment values, as Aspire's <c>WithEnvironment(name, value)</c>: locally and in published manifests.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Environment taken from parameters: their values locally, references to the Secret when published.</summary>
    public Dictionary<string, ParameterResource> ParameterEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>The port this resource listens on: fixed by the app model, or a free one chosen at start.</summary>
    public int Port { get; internal set; }

    /// <summary>A port the app model asks for; 0 means "any free port".</summary>
    public int RequestedPort { get; internal set; }

    /// <summary>Where the resource keeps its data and logs: a folder of the state directory.</summary>
    public string StateDirectory { get; internal set; } = "";

    /// <summary>What a referencing resource receives as <c>ConnectionStrings__{Name}</c>; null for HTTP services.</summary>
    public virtual string? ConnectionString => null;

    /// <summary>The URL users open, when the resource has one.</summary>
    public virtual string? Url => null;

    /// <summary>Services are restarted when they crash; infrastructure that fails is reported and stops the run.</summary>
    public virtual bool RestartOnCrash => false;

    /// <summary>Executables that must be installed, with the Debian package that provides each.</summary>
    public virtual IEnumerable<(string Command, string Package)> Prerequisites => [];

    /// <summary>The process to run, or null for resources that run inside another (a database in a server).</summary>
    public abstract ProcessSpec? CreateProcess();

    /// <summary>One-time preparation before the first start (initialising a data directory).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Work once healthy (creating a database and its user).</summary>
    public virtual Task OnHealthyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A command line with its environment.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

/// <summary>Fluent wiring, as in Aspire: <c>.WithReference(redis).WaitFor(redis)</c>.</summary>
public static class ResourceBuilderExtensions
{
    public static T WithReference<T>(this T resource, Resource reference)
        where T : Resource
    {
        resource.References.Add(reference);
        return resource;
    }

    public static T WaitFor<T>(this T resource, Resource dependency)
        where T : Resource
    {
        resource.WaitsFor.Add(dependency);
        return resource;
    }

    public static T WithEnvironment<T>(this T resource, string name, string value)
        where T : Resource
    {
        resource.Environment[name] = value;
        return resource;
    }

    public static T WithEnvironment<T>(this T resource, string name, ParameterResource parameter)
        where T : Resource
    {
        resource.ParameterEnvironment[name] = parameter;
        return resource;
    }

    /// <summary>Fixes the port, as Aspire's <c>WithHttpEndpoint(port: …)</c> does.</summary>
    public static T WithPort<T>(this T resource, int port)
        where T : Resource
    {
        resource.RequestedPort = port;
        return resource;
    }
}
