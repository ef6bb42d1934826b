using AppHost.Tests;

namespace Integration.Tests;

/// <summary>
/// The event pipeline under test: Redis, MariaDB, two FilterApi replicas and two LogConsumers in one group, with a
/// short claim time so a killed consumer's entries are taken over within seconds.
/// </summary>
public sealed class PipelineFixture : TwoReplicaFixture
{
    private protected override Task<TestGraph> StartAsync() =>
        TestGraph.StartAsync(filterApiReplicas: 2, logConsumerReplicas: 2, builder =>
            GraphEnvironment.Set(builder, "logconsumer",
                ("Consumer__ClaimIdleTime", "00:00:05"),
                ("Consumer__ReclaimInterval", "00:00:01"),
                ("Consumer__HousekeepingInterval", "00:00:00.500")),
            "filterapi", "filterapi-2", "logconsumer", "logconsumer-2");
}

[CollectionDefinition(Name)]
public sealed class PipelineTests : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
