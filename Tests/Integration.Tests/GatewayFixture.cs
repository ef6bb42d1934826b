using AppHost.Hosting;
using AppHost.Tests;

namespace Integration.Tests;

/// <summary>
/// One graph for the key tests: Redis, MariaDB and two FilterApi replicas on them. The tests of the collection run
/// one after another, so counts read from the database are theirs alone.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    internal Gateway First { get; private set; } = null!;

    internal Gateway Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestGraph.StartAsync(filterApiReplicas: 2, builder =>
        {
            // Last use is written in batches; a short interval lets a test see a batch land.
            foreach (var replica in builder.Resources.OfType<ProjectResource>())
            {
                replica.WithEnvironment("Keys__LastUsedFlushInterval", "00:00:01");
            }
        }, "filterapi", "filterapi-2");
        First = new Gateway(App, "filterapi");
        Second = new Gateway(App, "filterapi-2");
    }

    public async Task DisposeAsync()
    {
        First.Dispose();
        Second.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayTests : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
