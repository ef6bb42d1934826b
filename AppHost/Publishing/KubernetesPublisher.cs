using AppHost.Hosting;
using YamlDotNet.Serialization;

namespace AppHost.Publishing;

/// <summary>
/// Writes Kubernetes manifests from the same app model the local run uses: a Deployment and Service per project
/// (probes on <c>/health</c> and <c>/alive</c>), a HorizontalPodAutoscaler for the API, StatefulSets with
/// volumes for Redis and MySQL, and one Secret holding every credential and connection string. Each service
/// receives the same environment contract as in a local run, with in-cluster addresses.
/// </summary>
public static class KubernetesPublisher
{
    public const string SecretName = "moderation-secrets";
    private const int HttpPort = 8080;
    private const int OllamaPort = 11434;

    public static IReadOnlyList<string> Publish(IReadOnlyList<Resource> resources, string outputDirectory, string imageRegistry)
    {
        Directory.CreateDirectory(outputDirectory);
        var serializer = new SerializerBuilder().DisableAliases().Build();
        var written = new List<string>();
        void Write(string file, IEnumerable<object> documents)
        {
            var path = Path.Combine(outputDirectory, file);
            File.WriteAllText(path, string.Join("---\n", documents.Select(serializer.Serialize)));
            written.Add(path);
        }

        Write("secrets.yaml", [Secret(resources)]);
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case RedisResource redis:
                    Write($"{redis.Name}.yaml", [StatefulSet(redis.Name, "redis:7", 6379, "/data", ["redis-server", "--appendonly", "yes"], []), Service(redis.Name, 6379, 6379)]);
                    break;
                case OllamaResource ollama:
                    Write($"{ollama.Name}.yaml", [OllamaDeployment(ollama), Service(ollama.Name, OllamaPort, OllamaPort)]);
                    break;
                case MySqlServerResource mysql:
                    Write($"{mysql.Name}.yaml", [StatefulSet(mysql.Name, "mariadb:10.11", 3306, "/var/lib/mysql", null, MySqlEnvironment(mysql)), Service(mysql.Name, 3306, 3306)]);
                    break;
                case PythonAppResource python:
                    Write($"{python.Name}.yaml", [ModelServerDeployment(python, imageRegistry), Service(python.Name, 80, HttpPort)]);
                    break;
                case ProjectResource project:
                    var documents = new List<object> { Deployment(project, imageRegistry), Service(project.Name, 80, HttpPort) };
                    if (project.Name == "filterapi")
                    {
                        documents.Add(Autoscaler(project.Name));
                    }

                    Write($"{project.Name}.yaml", documents);
                    break;
            }
        }

        return written;
    }

    /// <summary>The in-cluster value of what <paramref name="reference"/> gives a resource that references it.</summary>
    public static string InClusterConnectionString(Resource reference) => reference switch
    {
        RedisResource redis => $"{redis.Name}:6379",
        OllamaResource ollama => $"Endpoint=http://{ollama.Name}:{OllamaPort};Model={ollama.Model}",
        MySqlDatabaseResource database =>
            $"Server={database.Server.Name};Port=3306;User ID={MySqlServerResource.User};Password={database.Server.Password.Value};Database={database.DatabaseName}",
        _ => throw new NotSupportedException($"no connection string for {reference.Name}"),
    };

    private static Dictionary<string, object> Secret(IReadOnlyList<Resource> resources)
    {
        var data = new Dictionary<string, string>();
        foreach (var parameter in resources.OfType<ParameterResource>())
        {
            data[parameter.Name] = parameter.Value;
        }

        foreach (var reference in resources.SelectMany(r => r.References).Where(r => r is RedisResource or MySqlDatabaseResource or OllamaResource).Distinct())
        {
            data[$"connectionstrings-{reference.Name}"] = InClusterConnectionString(reference);
        }

        return new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = Metadata(SecretName),
            ["type"] = "Opaque",
            ["stringData"] = data,
        };
    }

    private static Dictionary<string, object> Deployment(ProjectResource project, string imageRegistry)
    {
        var environment = new List<object>
        {
            Env("ASPNETCORE_URLS", $"http://+:{HttpPort}"),
            Env("OTEL_SERVICE_NAME", project.Name),
        };
        foreach (var reference in project.References)
        {
            environment.Add(reference switch
            {
                ProjectResource or PythonAppResource => Env($"services__{reference.Name}__http__0", $"http://{reference.Name}"),
                _ => SecretEnv($"ConnectionStrings__{reference.Name}", $"connectionstrings-{reference.Name}"),
            });
        }

        foreach (var (name, value) in project.Environment)
        {
            environment.Add(Env(name, value));
        }

        foreach (var (name, parameter) in project.ParameterEnvironment)
        {
            environment.Add(SecretEnv(name, parameter.Name));
        }

        var container = new Dictionary<string, object>
        {
            ["name"] = project.Name,
            ["image"] = $"{imageRegistry}/{project.Name}:latest",
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "http", ["containerPort"] = HttpPort } },
            ["env"] = environment,
            ["readinessProbe"] = Probe("/health"),
            ["livenessProbe"] = Probe("/alive"),
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, string> { ["cpu"] = "250m", ["memory"] = "256Mi" },
                ["limits"] = new Dictionary<string, string> { ["memory"] = "512Mi" },
            },
        };
        return Workload(project.Name, replicas: 2, container);
    }

    private static Dictionary<string, object> StatefulSet(string name, string image, int port, string dataPath, string[]? command, List<object> environment)
    {
        var container = new Dictionary<string, object>
        {
            ["name"] = name,
            ["image"] = image,
            ["ports"] = new[] { new Dictionary<string, object> { ["containerPort"] = port } },
            ["env"] = environment,
            ["volumeMounts"] = new[] { new Dictionary<string, object> { ["name"] = "data", ["mountPath"] = dataPath } },
            ["readinessProbe"] = new Dictionary<string, object> { ["tcpSocket"] = new Dictionary<string, object> { ["port"] = port } },
        };
        if (command is not null)
        {
            container["command"] = command;
        }

        var statefulSet = Workload(name, replicas: 1, container, kind: "StatefulSet");
        var spec = (Dictionary<string, object>)statefulSet["spec"];
        spec["serviceName"] = name;
        spec["volumeClaimTemplates"] = new[]
        {
            new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object> { ["name"] = "data" },
                ["spec"] = new Dictionary<string, object>
                {
                    ["accessModes"] = new[] { "ReadWriteOnce" },
                    ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, string> { ["storage"] = "5Gi" } },
                },
            },
        };
        return statefulSet;
    }

    /// <summary>A model server from the one <c>model-servers</c> image (Debian's Python and the trained models).</summary>
    private static Dictionary<string, object> ModelServerDeployment(PythonAppResource server, string imageRegistry)
    {
        var container = new Dictionary<string, object>
        {
            ["name"] = server.Name,
            ["image"] = $"{imageRegistry}/model-servers:latest",
            ["command"] = (string[])[PythonAppResource.Interpreter, Path.GetFileName(server.Script), .. server.Arguments, "--host", "0.0.0.0", "--port", $"{HttpPort}"],
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "http", ["containerPort"] = HttpPort } },
            ["readinessProbe"] = Probe("/health"),
            ["livenessProbe"] = Probe("/health"),
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "512Mi" },
                ["limits"] = new Dictionary<string, string> { ["memory"] = "1Gi" },
            },
        };
        return Workload(server.Name, replicas: 2, container);
    }

    private static Dictionary<string, object> OllamaDeployment(OllamaResource ollama)
    {
        var container = new Dictionary<string, object>
        {
            ["name"] = ollama.Name,
            ["image"] = "ollama/ollama:latest",
            ["ports"] = new[] { new Dictionary<string, object> { ["containerPort"] = OllamaPort } },
            ["readinessProbe"] = new Dictionary<string, object> { ["httpGet"] = new Dictionary<string, object> { ["path"] = "/api/tags", ["port"] = OllamaPort } },
        };
        return Workload(ollama.Name, replicas: 1, container);
    }

    /// <summary>A Deployment (or, with <paramref name="kind"/>, a StatefulSet) running one container.</summary>
    private static Dictionary<string, object> Workload(string name, int replicas, Dictionary<string, object> container, string kind = "Deployment")
    {
        var spec = new Dictionary<string, object>
        {
            ["replicas"] = replicas,
            ["selector"] = new Dictionary<string, object> { ["matchLabels"] = Labels(name) },
            ["template"] = new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object> { ["labels"] = Labels(name) },
                ["spec"] = new Dictionary<string, object> { ["containers"] = new[] { container } },
            },
        };
        return new() { ["apiVersion"] = "apps/v1", ["kind"] = kind, ["metadata"] = Metadata(name), ["spec"] = spec };
    }

    private static List<object> MySqlEnvironment(MySqlServerResource mysql) =>
    [
        SecretEnv("MARIADB_ROOT_PASSWORD", mysql.Password.Name),
        SecretEnv("MARIADB_PASSWORD", mysql.Password.Name),
        Env("MARIADB_USER", MySqlServerResource.User),
        Env("MARIADB_DATABASE", mysql.Databases.FirstOrDefault()?.DatabaseName ?? "filterdb"),
    ];

    private static Dictionary<string, object> Service(string name, int port, int targetPort) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(name),
        ["spec"] = new Dictionary<string, object>
        {
            ["selector"] = Labels(name),
            ["ports"] = new[] { new Dictionary<string, object> { ["port"] = port, ["targetPort"] = targetPort } },
        },
    };

    private static Dictionary<string, object> Autoscaler(string name) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = Metadata(name),
        ["spec"] = new Dictionary<string, object>
        {
            ["scaleTargetRef"] = new Dictionary<string, object> { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = name },
            ["minReplicas"] = 2,
            ["maxReplicas"] = 10,
            ["metrics"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["type"] = "Resource",
                    ["resource"] = new Dictionary<string, object>
                    {
                        ["name"] = "cpu",
                        ["target"] = new Dictionary<string, object> { ["type"] = "Utilization", ["averageUtilization"] = 70 },
                    },
                },
            },
        },
    };

    private static Dictionary<string, object> Probe(string path) => new()
    {
        ["httpGet"] = new Dictionary<string, object> { ["path"] = path, ["port"] = HttpPort },
        ["periodSeconds"] = 10,
    };

    private static Dictionary<string, object> Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static Dictionary<string, object> SecretEnv(string name, string key) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Dictionary<string, object>
        {
            ["secretKeyRef"] = new Dictionary<string, object> { ["name"] = SecretName, ["key"] = key },
        },
    };

    private static Dictionary<string, object> Metadata(string name) => new() { ["name"] = name, ["labels"] = Labels(name) };

    private static Dictionary<string, string> Labels(string name) => new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = "moderation-gateway" };
}
