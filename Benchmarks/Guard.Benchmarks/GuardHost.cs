extern alias filterapi;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Benchmarks;

/// <summary>
/// FilterApi in process on a real Kestrel socket, in its simplest deployment: keys from configuration, no rate
/// limit, the upstream from <c>ConnectionStrings:llm</c>, and nothing else: no Redis, no database, no model
/// servers (<c>services:fasttext</c>/<c>services:kobert</c> unset, so those tiers are off and never waited for)
/// and no LLM judge, which leaves the risk detector its lexicon tier.
/// </summary>
internal sealed class GuardHost : WebApplicationFactory<filterapi::Program>
{
    public const string Key = "bench-key-0123456789";

    private readonly string _upstream;

    public GuardHost(string upstreamConnectionString)
    {
        _upstream = upstreamConnectionString;
        UseKestrel();
    }

    public string SpoolDirectory { get; } = Path.Combine(Path.GetTempPath(), "guard-benchmarks", Guid.NewGuid().ToString("N"));

    /// <summary>Starts the server and answers the address it bound.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("Auth:ApiKeys:0", Key);
        builder.UseSetting("Auth:DefaultRequestsPerMinute", "0");
        builder.UseSetting("ConnectionStrings:llm", _upstream);
        builder.UseSetting("Filter:Callbacks:SpoolDirectory", SpoolDirectory);
        // Per-request Information lines (IHttpClientFactory's) would go to this console and into the table.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(SpoolDirectory))
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }
}
