using AppHost.Tests;

namespace Integration.Tests;

/// <summary>A graph with two FilterApi replicas, started once for a collection of tests, with a client for each replica.</summary>
public abstract class TwoReplicaFixture : IAsyncLifetime
{
    internal TestGraph Graph { get; private set; } = null!;

    internal Gateway First { get; private set; } = null!;

    internal Gateway Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await StartAsync();
        First = new Gateway(Graph, "filterapi");
        Second = new Gateway(Graph, "filterapi-2");
    }

    public async Task DisposeAsync()
    {
        First.Dispose();
        Second.Dispose();
        await Graph.DisposeAsync();
    }

    private protected abstract Task<TestGraph> StartAsync();
}

/// <summary>
/// One graph for the key tests: Redis, MariaDB and two FilterApi replicas on them. The tests of the collection run
/// one after another, so counts read from the database are theirs alone.
/// </summary>
public sealed class GatewayFixture : TwoReplicaFixture
{
    private protected override Task<TestGraph> StartAsync() =>
        TestGraph.StartAsync(filterApiReplicas: 2, builder =>
            // Last use is written in batches; a short interval lets a test see a batch land.
            GraphEnvironment.Set(builder, "filterapi", ("Keys__LastUsedFlushInterval", "00:00:01")),
            "filterapi", "filterapi-2");
}

[CollectionDefinition(Name)]
public sealed class GatewayTests : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
