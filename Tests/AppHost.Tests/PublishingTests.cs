using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace AppHost.Tests;

/// <summary>
/// Deployment from the app model, as a user runs it: <c>--publisher manifest</c> (the Aspire manifest azd reads)
/// and <c>--publisher kubernetes</c>, each a run of the AppHost in publish mode.
/// </summary>
public sealed class PublishingTests : IClassFixture<PublishingTests.Published>
{
    private static readonly string[] DeployableKinds = ["project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0", "parameter.v0", "value.v0", "annotated.string"];
    private readonly Published _published;

    public PublishingTests(Published published) => _published = published;

    [Fact]
    public void TheAspireManifestHoldsOnlyDeployableResourceKinds()
    {
        var kinds = _published.Manifest.EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetProperty("type").GetString()!);

        Assert.DoesNotContain("executable.v0", kinds.Values);
        Assert.All(kinds, kind => Assert.Contains(kind.Value, DeployableKinds));
        Assert.Equal("project.v0", kinds["filterapi"]);
        Assert.Equal("project.v0", kinds["logconsumer"]);
        Assert.StartsWith("container.", kinds["redis"], StringComparison.Ordinal);
        Assert.StartsWith("container.", kinds["mysql"], StringComparison.Ordinal);
        Assert.StartsWith("container.", kinds["ollama"], StringComparison.Ordinal);
        foreach (var server in new[] { "fasttext", "kobert" })
        {
            var build = _published.Manifest.GetProperty(server).GetProperty("build");
            Assert.EndsWith("model-servers/Dockerfile", build.GetProperty("dockerfile").GetString(), StringComparison.Ordinal);
        }

        // MariaDB's root and the application's account never share a password.
        var mysqlEnv = _published.Manifest.GetProperty("mysql").GetProperty("env");
        Assert.Equal("{mysql-root-password.value}", mysqlEnv.GetProperty("MARIADB_ROOT_PASSWORD").GetString());
        Assert.Equal("{mysql-password.value}", mysqlEnv.GetProperty("MARIADB_PASSWORD").GetString());
        Assert.Contains("--requirepass", _published.Manifest.GetProperty("redis").GetProperty("args").GetRawText(), StringComparison.Ordinal);

        // Secrets are parameters the deployment sets, never values in the manifest.
        foreach (var secret in new[] { "admin-password", "redis-password", "mysql-password", "mysql-root-password" })
        {
            Assert.Equal("parameter.v0", kinds[secret]);
            Assert.True(_published.Manifest.GetProperty(secret).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
    }

    [Fact]
    public void KubernetesHasAWorkloadAndServiceForEveryComputeResourceOfTheAppModel()
    {
        var compute = _published.Manifest.EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString()!.StartsWith("project.", StringComparison.Ordinal)
                || r.Value.GetProperty("type").GetString()!.StartsWith("container.", StringComparison.Ordinal))
            .Select(r => r.Name)
            .Order()
            .ToList();
        var workloads = _published.Documents.Where(d => Kind(d) is "Deployment" or "StatefulSet").Select(Name).Order().ToList();

        Assert.Equal(compute, workloads); // one model, two outputs: nothing added, nothing missing
        foreach (var name in workloads)
        {
            Assert.Single(_published.Documents, d => Kind(d) == "Service" && Name(d) == name);
        }

        Assert.Equal("StatefulSet", Kind(_published.Documents.Single(d => Name(d) == "mysql" && Kind(d) != "Service")));
        Assert.Single(_published.Documents, d => Kind(d) == "HorizontalPodAutoscaler" && Name(d) == "filterapi");
        var fastText = Container(_published.Documents.Single(d => Kind(d) == "Deployment" && Name(d) == "fasttext"));
        Assert.Equal("registry.test/moderation/fasttext:latest", fastText["image"].ToString());
        Assert.Equal("/health", ((YamlMappingNode)((YamlMappingNode)fastText["readinessProbe"])["httpGet"])["path"].ToString());
    }

    [Fact]
    public void ServicesGetTheAspireEnvironmentContractWithInClusterAddressesAndSecretsFromTheSecret()
    {
        var filterApi = Environment("filterapi");

        Assert.Equal("http://fasttext:8080", filterApi["services__fasttext__http__0"]["value"].ToString());
        Assert.Equal("8080", Environment("fasttext")["PORT"]["value"].ToString()); // where the server listens
        Assert.Equal("filterapi", filterApi["OTEL_SERVICE_NAME"]["value"].ToString());
        Assert.StartsWith("redis:6379,password=$(PARAMETER_REDIS_PASSWORD)", filterApi["ConnectionStrings__redis"]["value"].ToString(), StringComparison.Ordinal);
        Assert.Equal("Server=mysql;Port=3306;User ID=gateway;Password=$(PARAMETER_MYSQL_PASSWORD);Database=filterdb",
            filterApi["ConnectionStrings__filterdb"]["value"].ToString());
        Assert.Equal("Endpoint=http://ollama:11434;Model=qwen2.5:1.5b-instruct", filterApi["ConnectionStrings__ollama"]["value"].ToString());
        Assert.Equal("admin-password", SecretKey(filterApi["Admin__Password"]));
        Assert.Equal("redis-password", SecretKey(filterApi["PARAMETER_REDIS_PASSWORD"]));

        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        var order = Container(_published.Documents.Single(d => Kind(d) == "Deployment" && Name(d) == "filterapi"))["env"]
            .AllNodes.OfType<YamlMappingNode>().Where(n => n.Children.ContainsKey("name")).Select(n => n["name"].ToString()).ToList();
        Assert.True(order.IndexOf("PARAMETER_REDIS_PASSWORD") < order.IndexOf("ConnectionStrings__redis"));
    }

    [Fact]
    public void EverySecretReferenceResolvesToAKeyOfTheSecretAndNoSecretValueStandsInAWorkload()
    {
        var secret = _published.Documents.Single(d => Kind(d) == "Secret");
        var values = ((YamlMappingNode)secret["stringData"]).Children.ToDictionary(k => k.Key.ToString(), k => k.Value.ToString());
        var references = _published.Documents.SelectMany(d => d.AllNodes.OfType<YamlMappingNode>())
            .Where(n => n.Children.ContainsKey("secretKeyRef"))
            .Select(n => ((YamlMappingNode)n["secretKeyRef"])["key"].ToString())
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, key => Assert.Contains(key, values.Keys));
        var workloads = string.Join('\n', Directory.GetFiles(_published.KubernetesDirectory, "*.yaml").Where(f => !f.EndsWith("secrets.yaml", StringComparison.Ordinal)).Select(File.ReadAllText));
        Assert.All(values.Values, value => Assert.DoesNotContain(value, workloads, StringComparison.Ordinal));
    }

    private Dictionary<string, YamlMappingNode> Environment(string deployment) =>
        ((YamlSequenceNode)Container(_published.Documents.Single(d => Kind(d) is "Deployment" or "StatefulSet" && Name(d) == deployment))["env"])
            .Cast<YamlMappingNode>().ToDictionary(e => e["name"].ToString());

    private static string SecretKey(YamlMappingNode env) =>
        ((YamlMappingNode)((YamlMappingNode)env["valueFrom"])["secretKeyRef"])["key"].ToString();

    private static string Kind(YamlMappingNode document) => document["kind"].ToString();

    private static string Name(YamlMappingNode document) => ((YamlMappingNode)document["metadata"])["name"].ToString();

    private static YamlMappingNode Container(YamlMappingNode workload) =>
        (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)workload["spec"])["template"])["spec"])["containers"])[0];

    /// <summary>Both outputs, written once for the class by running the AppHost twice in publish mode.</summary>
    public sealed class Published : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "apphost-publish", Guid.NewGuid().ToString("N"));

        public Published()
        {
            var manifest = Path.Combine(_root, "aspire-manifest.json");
            Run("--publisher", "manifest", "--output-path", manifest);
            Run("--publisher", "kubernetes", "--output-path", KubernetesDirectory, "--Kubernetes:Registry", "registry.test/moderation");
            Manifest = JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("resources");
            Documents = [.. Directory.GetFiles(KubernetesDirectory, "*.yaml").SelectMany(Parse)];
        }

        public JsonElement Manifest { get; }

        public List<YamlMappingNode> Documents { get; }

        public string KubernetesDirectory => Path.Combine(_root, "k8s");

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private static void Run(params string[] arguments)
        {
            using var apphost = AppHostProcess.Start(AppHostProcess.FreePort(), arguments);
            if (!apphost.Process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException($"publishing did not finish:\n{apphost.Output}");
            }

            apphost.Process.WaitForExit(); // drain the output
            Assert.True(apphost.Process.ExitCode == 0, apphost.Output);
        }

        private static IEnumerable<YamlMappingNode> Parse(string file)
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
        }
    }
}
