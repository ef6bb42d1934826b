using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AppHost.Hosting;

/// <summary>Collects the app model, as Aspire's <c>IDistributedApplicationBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private DistributedApplicationBuilder(string[] args, DistributedApplicationOptions options)
    {
        Options = options;
        RepositoryRoot = FindRepositoryRoot();
        Configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        StateDirectory = Path.GetFullPath(options.StateDirectory ?? Path.Combine(RepositoryRoot, ".state"));
        BuildConfiguration = options.Configuration
            ?? typeof(DistributedApplicationBuilder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? "Debug";
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args, DistributedApplicationOptions? options = null) =>
        new(args, options ?? new DistributedApplicationOptions());

    public DistributedApplicationOptions Options { get; }

    public IConfiguration Configuration { get; }

    public string RepositoryRoot { get; }

    public string StateDirectory { get; }

    public string BuildConfiguration { get; }

    public List<Resource> Resources { get; } = [];

    public RedisResource AddRedis(string name) => Add(new RedisResource(name));

    public MySqlServerResource AddMySql(string name) => Add(new MySqlServerResource(name, AddParameter($"{name}-password")));

    public MySqlDatabaseResource AddDatabase(MySqlServerResource server, string name)
    {
        var database = Add(server.AddDatabase(name));
        database.WaitFor(server);
        return database;
    }

    public ProjectResource AddProject(string name, string relativeProjectPath) =>
        Add(new ProjectResource(name, Path.Combine(RepositoryRoot, relativeProjectPath), BuildConfiguration));

    /// <summary>A generated secret, kept in the state folder (every parameter is treated as a secret: it goes to the Secret when published).</summary>
    public ParameterResource AddParameter(string name) => Add(new ParameterResource(name));

    /// <summary>A Python service of this repository: <paramref name="script"/> relative to the repository root.</summary>
    public PythonAppResource AddPythonApp(string name, string script, params string[] arguments) =>
        Add(new PythonAppResource(name, RepositoryRoot, Path.Combine(RepositoryRoot, script), arguments));

    public OllamaResource AddOllama(string name, string model) => Add(new OllamaResource(name, model));

    public DistributedApplication Build() => new(this);

    private T Add<T>(T resource)
        where T : Resource
    {
        if (Resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"a resource named '{resource.Name}' already exists");
        }

        Resources.Add(resource);
        return resource;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "aspire.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("aspire.sln not found above the current directory: run the AppHost from the repository");
    }
}
