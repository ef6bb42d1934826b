using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>The graph <c>Program.cs</c> declares, read from the app model without starting it.</summary>
public sealed class AppModelTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "apphost-model", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FilterApiWaitsForRedisAndTheDatabaseOnlySoOptionalTiersNeverBlockIt()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--AppHost:StateDirectory={_state}"]);
        var filterApi = builder.Resources.Single(r => r.Name == "filterapi");

        // Waiting for a database waits for its server too.
        Assert.Equal(["filterdb", "mysql", "redis"], filterApi.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order());
        var logConsumer = builder.Resources.Single(r => r.Name == "logconsumer");
        Assert.Equal(["filterapi", "filterdb", "mysql", "redis"], logConsumer.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order());
    }

    [Fact]
    public async Task LocallyInfrastructureRunsAsProgramsAndWithAContainerRuntimeAsContainers()
    {
        await using (var local = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--AppHost:StateDirectory={_state}"]))
        {
            Assert.IsType<LocalRedisResource>(Resource(local, "redis"));
            Assert.IsType<MariaDbServerResource>(Resource(local, "mysql"));
            Assert.IsType<OllamaResource>(Resource(local, "ollama"));
        }

        await using var containers = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--AppHost:StateDirectory={_state}", "--AppHost:UseContainers=true"]);
        Assert.IsAssignableFrom<ContainerResource>(Resource(containers, "redis"));
        Assert.IsType<MariaDbContainerResource>(Resource(containers, "mysql"));
        Assert.IsType<OllamaContainerResource>(Resource(containers, "ollama"));
        Assert.IsType<ModelServerResource>(Resource(containers, "fasttext")); // Debian's Python either way
        Assert.Same(Resource(containers, "mysql"), ((MariaDbDatabaseResource)Resource(containers, "filterdb")).Parent);
    }

    [Fact]
    public async Task TheChatGuardsUpstreamIsAResourceOnlyWhenTheOperatorNamesOne()
    {
        await using (var plain = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--AppHost:StateDirectory={_state}"]))
        {
            Assert.DoesNotContain(plain.Resources, r => r.Name == "llm");
        }

        await using var named = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--AppHost:StateDirectory={_state}", "--ConnectionStrings:llm=Endpoint=https://llm.example.com/v1;Key=sk-test"]);
        var llm = Assert.IsAssignableFrom<IResourceWithConnectionString>(Resource(named, "llm"));
        var filterApi = Resource(named, "filterapi");
        Assert.Contains(filterApi.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource == llm);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private static IResource Resource(IDistributedApplicationTestingBuilder builder, string name) => builder.Resources.Single(r => r.Name == name);
}
