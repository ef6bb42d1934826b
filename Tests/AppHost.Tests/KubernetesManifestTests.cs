using AppHost.Hosting;
using YamlDotNet.RepresentationModel;

namespace AppHost.Tests;

public sealed class KubernetesManifestTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "apphost-k8s", Guid.NewGuid().ToString("N"));
    private readonly DistributedApplication _app;
    private readonly List<YamlMappingNode> _documents;

    public KubernetesManifestTests()
    {
        var builder = DistributedApplicationBuilder.CreateBuilder([], new DistributedApplicationOptions { StateDirectory = _output + "-state" });
        AppModel.Define(builder);
        _app = builder.Build();
        _app.PublishKubernetes(_output, "registry.test/moderation");
        _documents = [.. Directory.GetFiles(_output, "*.yaml").SelectMany(Parse)];
    }

    [Fact]
    public void EveryResourceOfTheAppModelHasItsWorkloadAndService()
    {
        foreach (var resource in _app.Resources.Where(r => r is ProjectResource))
        {
            Assert.Single(_documents, d => Kind(d) == "Deployment" && Name(d) == resource.Name);
            Assert.Single(_documents, d => Kind(d) == "Service" && Name(d) == resource.Name);
        }

        foreach (var resource in _app.Resources.Where(r => r is RedisResource or MySqlServerResource))
        {
            Assert.Single(_documents, d => Kind(d) == "StatefulSet" && Name(d) == resource.Name);
            Assert.Single(_documents, d => Kind(d) == "Service" && Name(d) == resource.Name);
        }

        foreach (var server in _app.Resources.OfType<PythonAppResource>())
        {
            var deployment = _documents.Single(d => Kind(d) == "Deployment" && Name(d) == server.Name);
            Assert.Single(_documents, d => Kind(d) == "Service" && Name(d) == server.Name);
            var container = Container(deployment);
            Assert.Equal("registry.test/moderation/model-servers:latest", container["image"].ToString());
            Assert.Contains(server.Name, ((YamlSequenceNode)container["command"]).Select(c => c.ToString()));
            Assert.Equal("/health", ((YamlMappingNode)((YamlMappingNode)container["readinessProbe"])["httpGet"])["path"].ToString());
        }

        Assert.Equal(["fasttext", "kobert"], _app.Resources.OfType<PythonAppResource>().Select(r => r.Name).Order());
        Assert.Single(_documents, d => Kind(d) == "Deployment" && Name(d) == "ollama");
        Assert.Single(_documents, d => Kind(d) == "HorizontalPodAutoscaler" && Name(d) == "filterapi");
    }

    [Fact]
    public void ServicesGetTheSameEnvironmentContractAsInALocalRun()
    {
        foreach (var project in _app.Resources.OfType<ProjectResource>())
        {
            var container = Container(_documents.Single(d => Kind(d) == "Deployment" && Name(d) == project.Name));
            var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => e["name"].ToString());

            foreach (var reference in project.References)
            {
                var name = reference is ProjectResource or PythonAppResource ? $"services__{reference.Name}__http__0" : $"ConnectionStrings__{reference.Name}";
                Assert.True(env.ContainsKey(name), $"{project.Name} lacks {name}");
            }

            Assert.Equal(project.Name, env["OTEL_SERVICE_NAME"]["value"].ToString());
            foreach (var name in project.ParameterEnvironment.Keys)
            {
                Assert.False(env[name].Children.ContainsKey("value"), $"{name} must come from the Secret, not stand in the manifest");
            }

            Assert.Equal("/health", ((YamlMappingNode)((YamlMappingNode)container["readinessProbe"])["httpGet"])["path"].ToString());
            Assert.Equal("/alive", ((YamlMappingNode)((YamlMappingNode)container["livenessProbe"])["httpGet"])["path"].ToString());
        }
    }

    [Fact]
    public void EverySecretReferenceResolvesToAKeyOfTheSecret()
    {
        var secret = _documents.Single(d => Kind(d) == "Secret");
        var keys = ((YamlMappingNode)secret["stringData"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        var references = _documents.SelectMany(Descendants)
            .Where(n => n.Children.ContainsKey("secretKeyRef"))
            .Select(n => ((YamlMappingNode)n["secretKeyRef"])["key"].ToString())
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, key => Assert.Contains(key, keys));
        Assert.Contains("Database=filterdb", ((YamlMappingNode)secret["stringData"])["connectionstrings-filterdb"].ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_output, recursive: true);
        Directory.Delete(_output + "-state", recursive: true);
    }

    private static IEnumerable<YamlMappingNode> Parse(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static string Kind(YamlMappingNode document) => document["kind"].ToString();

    private static string Name(YamlMappingNode document) => ((YamlMappingNode)document["metadata"])["name"].ToString();

    private static YamlMappingNode Container(YamlMappingNode deployment) =>
        (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])["containers"])[0];

    private static IEnumerable<YamlMappingNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode map => [map, .. map.Children.Values.SelectMany(Descendants)],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Descendants),
        _ => [],
    };
}
