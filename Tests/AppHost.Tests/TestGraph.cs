using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Tests;

/// <summary>
/// The AppHost's graph booted by <see cref="DistributedApplicationTestingBuilder"/>: limited to the resources a
/// test names (and what they reference or wait for), in a state folder of its own, on free ports, with fresh
/// secrets and no dashboard; stopped and its state deleted on dispose. Also the entry point of the pipeline
/// benchmark, so it uses no test framework.
/// </summary>
public sealed class TestGraph : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(60);
    private static readonly string[] SecretParameters = ["admin-password", "redis-password", "mysql-password"];

    private TestGraph(DistributedApplication app, string stateDirectory, IReadOnlyDictionary<string, string> secrets)
    {
        App = app;
        StateDirectory = stateDirectory;
        Secrets = secrets;
    }

    public DistributedApplication App { get; }

    public string StateDirectory { get; }

    /// <summary>The parameters the graph was given: <c>admin-password</c>, <c>redis-password</c>, <c>mysql-password</c>.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; }

    public string AdminPassword => Secrets["admin-password"];

    public static Task<TestGraph> StartAsync(params string[] only) => StartAsync(filterApiReplicas: 1, configure: null, only);

    /// <param name="filterApiReplicas">FilterApi processes sharing Redis and MySQL: filterapi, filterapi-2…</param>
    /// <param name="configure">Changes to the app model before it starts (e.g. shorter intervals for a test).</param>
    /// <param name="only">Resources to run, with what they depend on; none named runs everything.</param>
    public static Task<TestGraph> StartAsync(int filterApiReplicas, Action<IDistributedApplicationTestingBuilder>? configure, params string[] only) =>
        StartAsync(filterApiReplicas, logConsumerReplicas: 1, configure, only);

    public static async Task<TestGraph> StartAsync(
        int filterApiReplicas, int logConsumerReplicas, Action<IDistributedApplicationTestingBuilder>? configure, params string[] only)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "apphost-tests", Guid.NewGuid().ToString("N"));
        var secrets = SecretParameters.ToDictionary(name => name, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        string[] args =
        [
            $"--AppHost:StateDirectory={stateDirectory}",
            "--Ports:filterapi=0", // any free port: graphs run side by side
            "--Ports:dashboard=0",
            .. secrets.Select(s => $"--Parameters:{s.Key}={s.Value}"),
        ];

        using var timeout = new CancellationTokenSource(StartPatience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, timeout.Token);
        Replicas.Add(builder, "filterapi", filterApiReplicas);
        Replicas.Add(builder, "logconsumer", logConsumerReplicas);
        configure?.Invoke(builder);
        if (only.Length > 0)
        {
            Subgraph.KeepOnly(builder, only);
        }

        var app = await builder.BuildAsync(timeout.Token);
        var graph = new TestGraph(app, stateDirectory, secrets);
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in builder.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any() && IsRequired(r)))
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
            }
        }
        catch
        {
            await graph.DisposeAsync();
            throw;
        }

        return graph;
    }

    public HttpClient CreateHttpClient(string resource) => App.CreateHttpClient(resource, "http");

    public Uri GetEndpoint(string resource) => App.GetEndpoint(resource, resource is "redis" or "mysql" ? "tcp" : "http");

    public async Task<string> GetConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string");

    /// <summary>Where a local resource keeps its data (the MariaDB socket, Redis' append-only file).</summary>
    public string StateDirectoryOf(string resource) => Path.Combine(StateDirectory, resource);

    /// <summary>The resource's state as the dashboard shows it (Running, Exited, FailedToStart…).</summary>
    public string? StateOf(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current) ? current.Snapshot.State?.Text : null;

    /// <summary>
    /// The process id of the running service itself: for an executable the process DCP started, for a project
    /// the app below the <c>dotnet run</c> that DCP started.
    /// </summary>
    public int? ProcessIdOf(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            || current.Snapshot.State?.Text != KnownResourceStates.Running
            || current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value
            || !int.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var pid))
        {
            return null;
        }

        if (current.Resource is not ProjectResource project)
        {
            return pid;
        }

        var assembly = Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath);
        return ProcessTree.Descendants(pid).FirstOrDefault(child => ProcessTree.CommandLine(child).Contains($"/{assembly}", StringComparison.Ordinal)) is var app && app > 0
            ? app
            : null;
    }

    /// <summary>What the resource's console log in the dashboard holds (lines written within a few seconds).</summary>
    public async Task<string> ResourceLogAsync(string resource)
    {
        // Logs are kept per instance (DCP names them NAME-suffix), not per resource name.
        var id = App.ResourceNotifications.TryGetCurrentState(resource, out var current) ? current.ResourceId : resource;
        var lines = new List<string>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(id).WithCancellation(patience.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException)
        {
            // the backlog and whatever came meanwhile
        }

        return string.Join('\n', lines);
    }

    /// <summary>Stops a resource as the dashboard's Stop command does and waits until its process is gone.</summary>
    public async Task StopResourceAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(StopPatience);
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, timeout.Token);
        if (!result.Success)
        {
            throw new InvalidOperationException($"stopping {resource}: {result.Message}");
        }

        await App.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
    }

    /// <summary>
    /// Starts a stopped (or crashed) resource again, with the same port and data, and waits until it is healthy. A
    /// program that exits at once is started again, twice at most, as an operator would press Start again: on the
    /// 2-core CI machine, with other graphs starting beside it, Redis once failed to come back (stop 21); what each
    /// failed start printed is in the exception if all three fail.
    /// </summary>
    public async Task StartResourceAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(StartPatience);
        var failures = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
            if (!result.Success)
            {
                throw new InvalidOperationException($"starting {resource}: {result.Message}");
            }

            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
                return;
            }
            catch (DistributedApplicationException e) when (attempt < 3)
            {
                failures.Add($"attempt {attempt}: {e.Message}\n{await ResourceLogAsync(resource)}");
                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (DistributedApplicationException e)
            {
                failures.Add($"attempt {attempt}: {e.Message}\n{await ResourceLogAsync(resource)}");
                throw new InvalidOperationException($"{resource} did not start:\n{string.Join('\n', failures)}", e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopPatience);
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            if (Directory.Exists(StateDirectory))
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
        }
    }

    /// <summary>Optional resources (model servers, Ollama) may fail to start; the graph is up without them.</summary>
    private static bool IsRequired(IResource resource) => resource is not (ModelServerResource or OllamaResource);
}
