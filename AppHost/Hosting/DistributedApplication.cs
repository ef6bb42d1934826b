using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AppHost.Hosting;

/// <summary>
/// Runs the app model on this machine: checks prerequisites, picks ports, resolves parameters, then starts each
/// resource after the ones it waits for are healthy, wiring references into the Aspire environment contract.
/// Stops everything in reverse order. Also the testing entry point (see <see cref="StartAsync"/>).
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly List<ResourceState> _states;
    private readonly ConsoleView _view;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _watchers = [];
    private bool _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        var selected = ResourceGraph.Select(builder.Resources, builder.Options.Only);
        _states = [.. ResourceGraph.StartOrder(selected).Select(r => new ResourceState(r))];
        _view = new ConsoleView(builder.Options.Console);
    }

    public IReadOnlyList<Resource> Resources => [.. _states.Select(s => s.Resource)];

    public string StateDirectory => _builder.StateDirectory;

    public Resource this[string name] => _states.Single(s => s.Resource.Name == name).Resource;

    public string? GetConnectionString(string name) => this[name].ConnectionString;

    public Uri GetEndpoint(string name) => new($"http://127.0.0.1:{this[name].Port}");

    public HttpClient CreateHttpClient(string name) => new() { BaseAddress = GetEndpoint(name) };

    /// <summary>What the console shows for <paramref name="name"/>.</summary>
    public ResourceStatus StatusOf(string name) => _states.Single(s => s.Resource.Name == name).Status;

    /// <summary>The process id of a running resource, or null.</summary>
    public int? ProcessIdOf(string name) => _states.Single(s => s.Resource.Name == name).Process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts the graph and returns when every resource is healthy; throws, having stopped what started, if one cannot start.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        CheckPrerequisites();
        AssignPorts();
        ResolveParameters();
        try
        {
            foreach (var state in _states)
            {
                await StartResourceAsync(state, cancellationToken);
            }
        }
        catch
        {
            await StopAsync();
            throw;
        }

        _view.Render(_states, _builder.StateDirectory);
    }

    /// <summary>
    /// Stops one running resource, as the Aspire dashboard's Stop command does (tests take Redis or MySQL away
    /// under load); <see cref="StartResourceAsync(string, CancellationToken)"/> brings it back with the same port and data.
    /// </summary>
    public async Task StopResourceAsync(string name)
    {
        var state = _states.Single(s => s.Resource.Name == name);
        if (state.Process is not { HasExited: false } process)
        {
            return;
        }

        state.StoppedOnRequest = true;
        await ProcessRunner.StopAsync(process, TimeSpan.FromSeconds(15));
        state.Status = ResourceStatus.Stopped;
        _view.Info($"{name}: stopped on request");
    }

    /// <summary>Starts a resource stopped with <see cref="StopResourceAsync"/> and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var state = _states.Single(s => s.Resource.Name == name);
        if (state.Process is { HasExited: false })
        {
            return;
        }

        state.Status = ResourceStatus.Starting;
        state.Process = Launch(state);
        await WaitHealthyAsync(state, cancellationToken);
        state.StoppedOnRequest = false;
        state.Status = ResourceStatus.Running;
        _view.Info($"{name}: running again on request");
        if (state.Process is not null)
        {
            _watchers.Add(WatchAsync(state));
        }
    }

    /// <summary>Writes Kubernetes manifests for the graph into <paramref name="outputDirectory"/>, with the same parameters a local run uses.</summary>
    public IReadOnlyList<string> PublishKubernetes(string outputDirectory, string imageRegistry)
    {
        ResolveParameters();
        return Publishing.KubernetesPublisher.Publish(Resources, outputDirectory, imageRegistry);
    }

    /// <summary>Runs until Ctrl+C or SIGTERM; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        using var done = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await StartAsync(done.Token);
            await Task.Delay(Timeout.Infinite, done.Token);
            return 0;
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            return 0;
        }
        catch (StartupException e)
        {
            _view.Error(e.Message);
            return 1;
        }
        finally
        {
            _view.Info("stopping…");
            await StopAsync();
            _view.Render(_states, _builder.StateDirectory);
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, in order
            done.Cancel();
        }
    }

    /// <summary>Stops every started resource, in reverse start order.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync();
        foreach (var state in Enumerable.Reverse(_states))
        {
            if (state.Process is { } process)
            {
                try
                {
                    await ProcessRunner.StopAsync(process, TimeSpan.FromSeconds(15));
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    _view.Error($"{state.Resource.Name}: could not be stopped cleanly: {e.Message}");
                    process.Kill(entireProcessTree: true);
                }

                state.Status = ResourceStatus.Stopped;
            }
        }

        await Task.WhenAll(_watchers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        if (_builder.Options.DeleteStateOnDispose && Directory.Exists(_builder.StateDirectory))
        {
            Directory.Delete(_builder.StateDirectory, recursive: true);
        }
    }

    private ResourceState StateOf(Resource resource) =>
        _states.FirstOrDefault(s => s.Resource == resource) ?? new ResourceState(resource) { Status = ResourceStatus.Unavailable };

    private void CheckPrerequisites()
    {
        var missing = _states
            .SelectMany(s => s.Resource.Prerequisites)
            .Where(p => !ProcessRunner.IsInstalled(p.Command))
            .Select(p => p.Package)
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            throw new StartupException($"missing prerequisites: install them with 'sudo apt-get install {string.Join(' ', missing)}'");
        }
    }

    private void AssignPorts()
    {
        foreach (var resource in _states.Select(s => s.Resource).Where(r => r is not ParameterResource and not MySqlDatabaseResource))
        {
            var fixedPort = _builder.Options.UseFixedPorts ? resource.RequestedPort : 0;
            if (fixedPort != 0 && !IsFree(fixedPort))
            {
                throw new StartupException($"{resource.Name}: port {fixedPort} is in use; free it or set another port");
            }

            resource.Port = fixedPort != 0 ? fixedPort : FreePort();
            resource.StateDirectory = Path.Combine(_builder.StateDirectory, resource.Name);
        }

        foreach (var database in _states.Select(s => s.Resource).OfType<MySqlDatabaseResource>())
        {
            database.Port = database.Server.Port;
        }
    }

    private void ResolveParameters()
    {
        var file = Path.Combine(_builder.StateDirectory, "parameters.json");
        foreach (var parameter in _states.Select(s => s.Resource).OfType<ParameterResource>())
        {
            parameter.Resolve(_builder.Configuration[$"Parameters:{parameter.Name}"], file);
        }
    }

    private async Task StartResourceAsync(ResourceState state, CancellationToken cancellationToken)
    {
        var resource = state.Resource;
        if (resource is OllamaResource { IsAvailable: false })
        {
            state.Status = ResourceStatus.Unavailable;
            _view.Info($"{resource.Name}: not installed, so the LLM tier is unavailable (install Ollama to enable it)");
            return;
        }

        state.Status = ResourceStatus.Starting;
        _view.Info($"{resource.Name}: starting");
        try
        {
            // Tests rely on the solution build rather than building each project again in parallel.
            if (resource is not ProjectResource || _builder.Options.BuildProjects)
            {
                await resource.PrepareAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            state.Status = ResourceStatus.Failed;
            throw new StartupException($"{resource.Name}: {e.Message}", e);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (Launch(state) is { } process)
            {
                state.Process = process;
            }

            try
            {
                await WaitHealthyAsync(state, cancellationToken);
                break;
            }
            catch (StartupException) when (attempt < 3 && PortTakenMeanwhile(state))
            {
                // Ports are chosen free before anything starts; another program (a graph started beside this one)
                // can bind one before its resource does. Such a port is not fixed by the app model: take another.
                var taken = resource.Port;
                resource.Port = FreePort();
                foreach (var database in _states.Select(s => s.Resource).OfType<MySqlDatabaseResource>().Where(d => d.Server == resource))
                {
                    database.Port = resource.Port;
                }

                state.Status = ResourceStatus.Starting;
                _view.Info($"{resource.Name}: port {taken} was taken by another program meanwhile; starting again on {resource.Port}");
            }
        }

        await resource.OnHealthyAsync(cancellationToken);
        state.Status = ResourceStatus.Running;
        _view.Info($"{resource.Name}: running{(resource.Url is { } url ? $" at {url}" : "")}");
        if (state.Process is not null)
        {
            _watchers.Add(WatchAsync(state));
        }
    }

    private System.Diagnostics.Process? Launch(ResourceState state)
    {
        var resource = state.Resource;
        var spec = resource.CreateProcess();
        if (spec is null)
        {
            return null;
        }

        var environment = new Dictionary<string, string>(spec.Environment);
        foreach (var reference in resource.References.Where(r => StateOf(r).Status != ResourceStatus.Unavailable))
        {
            if (reference.ConnectionString is { } connectionString)
            {
                environment[$"ConnectionStrings__{reference.Name}"] = connectionString;
            }
            else if (reference.Url is not null)
            {
                environment[$"services__{reference.Name}__http__0"] = $"http://127.0.0.1:{reference.Port}";
            }
        }

        foreach (var (name, value) in resource.Environment)
        {
            environment[name] = value;
        }

        foreach (var (name, parameter) in resource.ParameterEnvironment)
        {
            environment[name] = parameter.Value;
        }

        state.LogFile = Path.Combine(_builder.StateDirectory, "logs", $"{resource.Name}.log");
        return ProcessRunner.Start(spec with { Environment = environment }, state.LogFile, line => _view.Log(resource.Name, line));
    }

    private async Task WaitHealthyAsync(ResourceState state, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_builder.Options.StartTimeout);
        while (true)
        {
            if (state.Process is { HasExited: true } exited)
            {
                state.Status = ResourceStatus.Failed;
                throw new StartupException($"{state.Resource.Name} exited with code {exited.ExitCode} while starting; its log: {state.LogFile}{LastLines(state.LogFile)}");
            }

            if (await state.Resource.IsHealthyAsync(timeout.Token))
            {
                return;
            }

            try
            {
                await Task.Delay(250, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                state.Status = ResourceStatus.Failed;
                throw new StartupException($"{state.Resource.Name} was not healthy within {_builder.Options.StartTimeout.TotalSeconds:0} s; its log: {state.LogFile}");
            }
        }
    }

    /// <summary>Reports a crash; services are restarted with exponential backoff, infrastructure is not.</summary>
    private async Task WatchAsync(ResourceState state)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await state.Process!.WaitForExitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (state.StoppedOnRequest)
            {
                return; // StartResourceAsync watches the next process
            }

            _view.Error($"{state.Resource.Name} exited with code {state.Process.ExitCode}; its log: {state.LogFile}");
            if (!state.Resource.RestartOnCrash)
            {
                state.Status = ResourceStatus.Failed;
                _view.Render(_states, _builder.StateDirectory);
                return;
            }

            state.Status = ResourceStatus.Restarting;
            state.Restarts++;
            try
            {
                await Task.Delay(backoff, _stopping.Token);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
                state.Process = Launch(state);
                await WaitHealthyAsync(state, _stopping.Token);
                state.Status = ResourceStatus.Running;
                _view.Info($"{state.Resource.Name}: running again after restart {state.Restarts}");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (StartupException e)
            {
                _view.Error(e.Message);
            }
        }
    }

    /// <summary>The process exited while starting, its port was chosen at random, and someone else holds it now.</summary>
    private bool PortTakenMeanwhile(ResourceState state) =>
        state.Process is { HasExited: true }
        && !(_builder.Options.UseFixedPorts && state.Resource.RequestedPort != 0)
        && state.Resource.Port != 0
        && !IsFree(state.Resource.Port);

    /// <summary>The end of a log, so that a failure seen in CI says why even after the state folder is gone.</summary>
    private static string LastLines(string? logFile)
    {
        try
        {
            return logFile is not null && File.Exists(logFile)
                ? "\n  " + string.Join("\n  ", File.ReadLines(logFile).TakeLast(5))
                : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A resource could not start: the message says which and why.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
