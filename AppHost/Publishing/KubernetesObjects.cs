namespace AppHost.Publishing;

/// <summary>The Kubernetes objects the publisher writes, as plain dictionaries YamlDotNet serialises.</summary>
internal static class KubernetesObjects
{
    private static readonly string[] ReadWriteOnce = ["ReadWriteOnce"];

    public static Dictionary<string, object> Deployment(string name, int replicas, Dictionary<string, object> container) =>
        Workload("Deployment", name, replicas, container);

    public static Dictionary<string, object> StatefulSet(string name, Dictionary<string, object> container, IEnumerable<(string Volume, string Path)> volumes)
    {
        var claims = volumes.ToList();
        container["volumeMounts"] = claims.Select(v => new Dictionary<string, object> { ["name"] = v.Volume, ["mountPath"] = v.Path }).ToList();
        var statefulSet = Workload("StatefulSet", name, 1, container);
        var spec = (Dictionary<string, object>)statefulSet["spec"];
        spec["serviceName"] = name;
        spec["volumeClaimTemplates"] = claims.Select(v => new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object> { ["name"] = v.Volume },
            ["spec"] = new Dictionary<string, object>
            {
                ["accessModes"] = ReadWriteOnce,
                ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, string> { ["storage"] = "5Gi" } },
            },
        }).ToList();
        return statefulSet;
    }

    public static Dictionary<string, object> Service(string name, IEnumerable<int> ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(name),
        ["spec"] = new Dictionary<string, object>
        {
            ["selector"] = Labels(name),
            ["ports"] = ports.Distinct().Select(p => new Dictionary<string, object> { ["name"] = $"port-{p}", ["port"] = p, ["targetPort"] = p }).ToList(),
        },
    };

    public static Dictionary<string, object> Secret(string name, IReadOnlyDictionary<string, string> values) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = Metadata(name),
        ["type"] = "Opaque",
        ["stringData"] = values,
    };

    public static Dictionary<string, object> Autoscaler(string name) => new()
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

    public static Dictionary<string, object> HttpProbe(string path, int port) => new()
    {
        ["httpGet"] = new Dictionary<string, object> { ["path"] = path, ["port"] = port },
        ["periodSeconds"] = 10,
    };

    public static Dictionary<string, object> Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    public static Dictionary<string, object> SecretEnv(string name, string secret, string key) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Dictionary<string, object>
        {
            ["secretKeyRef"] = new Dictionary<string, object> { ["name"] = secret, ["key"] = key },
        },
    };

    private static Dictionary<string, object> Workload(string kind, string name, int replicas, Dictionary<string, object> container) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = kind,
        ["metadata"] = Metadata(name),
        ["spec"] = new Dictionary<string, object>
        {
            ["replicas"] = replicas,
            ["selector"] = new Dictionary<string, object> { ["matchLabels"] = Labels(name) },
            ["template"] = new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object> { ["labels"] = Labels(name) },
                ["spec"] = new Dictionary<string, object> { ["containers"] = new[] { container } },
            },
        },
    };

    private static Dictionary<string, object> Metadata(string name) => new() { ["name"] = name, ["labels"] = Labels(name) };

    private static Dictionary<string, string> Labels(string name) =>
        new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = "moderation-gateway" };
}
