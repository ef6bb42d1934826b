using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary>
/// FilterApi on a real Kestrel socket (not the in-memory test server), configured the way an operator would:
/// keys and limits from configuration, its own callback spool. Each factory is one independent instance.
/// </summary>
public sealed class FilterApiFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _replaceServices;

    /// <param name="overrides">Configuration on top of the test defaults.</param>
    /// <param name="replaceServices">Test doubles, registered after the application's own services.</param>
    public FilterApiFactory(Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? replaceServices = null)
    {
        _replaceServices = replaceServices;
        SpoolDirectory = Path.Combine(Path.GetTempPath(), "filterapi-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0"] = Key,
            ["Auth:DefaultRequestsPerMinute"] = "0",
            ["Filter:Callbacks:SpoolDirectory"] = SpoolDirectory,
            ["Filter:Callbacks:ReplicaName"] = ReplicaName,
            ["Filter:Callbacks:AllowPrivateNetworks"] = "true",
            ["Filter:Callbacks:InitialBackoff"] = "00:00:00.100",
            ["Filter:Callbacks:MaxAttempts"] = "5",
        };
        foreach (var (name, value) in overrides ?? [])
        {
            _settings[name] = value;
        }

        // Not UseKestrel(0): with a port, the factory rewrites the server's addresses after the app has started
        // binding them on its own thread, and loses that race now and then (dotnet/aspnetcore#67714).
        UseKestrel();
    }

    /// <summary>This instance's folder inside the spool.</summary>
    public const string ReplicaName = "test";

    public string SpoolDirectory { get; }

    /// <summary>Where this instance keeps its pending jobs.</summary>
    public string PendingDirectory => Path.Combine(SpoolDirectory, ReplicaName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        if (_replaceServices is not null)
        {
            builder.ConfigureTestServices(_replaceServices);
        }
    }

    /// <summary>A client that sends the test key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", Key);
        return client;
    }
}

/// <summary>One shared instance for the tests that do not change configuration.</summary>
public sealed class SharedFilterApi : IDisposable
{
    public FilterApiFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
