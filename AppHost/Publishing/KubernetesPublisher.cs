using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;

namespace AppHost.Publishing;

/// <summary>
/// Writes Kubernetes manifests from the app model <c>Program.cs</c> defines — the same resources, environment
/// callbacks and references the local run and the Aspire manifest use, evaluated in publish mode: a Deployment
/// (a StatefulSet where the resource keeps data in a volume) and a Service per compute resource, an autoscaler
/// for the API, and one Secret holding every parameter.
/// </summary>
public static class KubernetesPublisher
{
    public const string PublisherName = "kubernetes";
    public const string SecretName = "moderation-secrets";

    /// <summary>Where every HTTP container listens in the cluster (the .NET images' default).</summary>
    public const int HttpPort = 8080;

    public static bool IsRequested(IConfiguration configuration) =>
        string.Equals(configuration["Publishing:Publisher"], PublisherName, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> PublishAsync(IServiceProvider services, IConfiguration configuration)
    {
        if (configuration["Pipeline:OutputPath"] is not { Length: > 0 } output)
        {
            await Console.Error.WriteLineAsync("usage: --publisher kubernetes --output-path DIR [--Kubernetes:Registry REGISTRY]");
            return 2;
        }

        var model = services.GetRequiredService<DistributedApplicationModel>();
        var context = services.GetRequiredService<DistributedApplicationExecutionContext>();
        var registry = configuration["Kubernetes:Registry"] ?? "registry.example.com/moderation";
        foreach (var file in await WriteAsync(model, context, configuration, output, registry))
        {
            Console.WriteLine($"wrote {file}");
        }

        return 0;
    }

    public static async Task<IReadOnlyList<string>> WriteAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext context, IConfiguration configuration, string outputDirectory, string registry)
    {
        Directory.CreateDirectory(outputDirectory);
        var serializer = new SerializerBuilder().DisableAliases().Build();
        var written = new List<string>();
        void Write(string name, IEnumerable<object> documents)
        {
            var path = Path.Combine(outputDirectory, $"{name}.yaml");
            File.WriteAllText(path, string.Join("---\n", documents.Select(serializer.Serialize)));
            written.Add(path);
        }

        var parameters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in model.Resources.Where(IsWorkload))
        {
            var workload = await WorkloadAsync(resource, context, registry);
            parameters.UnionWith(workload.Parameters);
            var documents = new List<object> { workload.Manifest };
            if (Ports(resource).Any())
            {
                documents.Add(KubernetesObjects.Service(resource.Name, Ports(resource).Select(p => p.Port)));
            }

            if (resource.Name == "filterapi")
            {
                documents.Add(KubernetesObjects.Autoscaler(resource.Name));
            }

            Write(resource.Name, documents);
        }

        Write("secrets", [KubernetesObjects.Secret(SecretName, parameters.ToDictionary(p => p, p => SecretValue(configuration, p)))]);
        return written;
    }

    /// <summary>What runs as a pod: projects and containers (dockerfile-built ones included); parameters and child resources do not.</summary>
    private static bool IsWorkload(IResource resource) => resource is ProjectResource or ContainerResource;

    /// <summary>A value given with <c>--Parameters:NAME</c>, else a fresh random one (the README says which to set).</summary>
    private static string SecretValue(IConfiguration configuration, string parameter) =>
        configuration[$"Parameters:{parameter}"] is { Length: > 0 } given ? given : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static int PortOf(IResource resource, EndpointAnnotation endpoint) => endpoint.TargetPort ?? HttpPort;

    private static IEnumerable<(string Name, int Port)> Ports(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>().Select(e => (e.Name, PortOf(resource, e)));

    private static async Task<(Dictionary<string, object> Manifest, IEnumerable<string> Parameters)> WorkloadAsync(
        IResource resource, DistributedApplicationExecutionContext context, string registry)
    {
        var renderer = new ValueRenderer(PortOf);
        var environment = new Dictionary<string, object>();
        if (resource is ProjectResource)
        {
            environment["ASPNETCORE_HTTP_PORTS"] = $"{HttpPort}";
            environment["OTEL_SERVICE_NAME"] = resource.Name;
        }

        var callbackContext = new EnvironmentCallbackContext(context, resource, environment);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(callbackContext);
        }

        var arguments = new List<object>();
        var argumentsContext = new CommandLineArgsCallbackContext(arguments, resource);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(argumentsContext);
        }

        var env = new List<object>();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env.Add(value is ParameterResource parameter
                ? KubernetesObjects.SecretEnv(name, SecretName, Track(renderer, parameter))
                : KubernetesObjects.Env(name, await renderer.RenderAsync(value)));
        }

        var args = new List<string>();
        foreach (var argument in arguments)
        {
            args.Add(await renderer.RenderAsync(argument));
        }

        // A value that embeds a parameter reads it as $(VAR): Kubernetes expands only variables defined before it.
        var secrets = renderer.Parameters.Select(p => KubernetesObjects.SecretEnv(ValueRenderer.VariableFor(p), SecretName, p));
        var container = new Dictionary<string, object>
        {
            ["name"] = resource.Name,
            ["image"] = Image(resource, registry),
            ["env"] = secrets.Concat(env).ToList(),
            ["ports"] = Ports(resource).Select(p => new Dictionary<string, object> { ["name"] = p.Name, ["containerPort"] = p.Port }).ToList(),
        };
        if (args.Count > 0)
        {
            container["args"] = args;
        }

        AddProbes(resource, container);
        var volumes = resource.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.Volume).ToList();
        var manifest = volumes.Count > 0
            ? KubernetesObjects.StatefulSet(resource.Name, container, volumes.Select(v => (v.Source ?? resource.Name, v.Target)))
            : KubernetesObjects.Deployment(resource.Name, resource is ProjectResource ? 2 : 1, container);
        return (manifest, renderer.Parameters);
    }

    private static string Track(ValueRenderer renderer, ParameterResource parameter)
    {
        renderer.Parameters.Add(parameter.Name);
        return parameter.Name;
    }

    private static string Image(IResource resource, string registry)
    {
        if (resource is ProjectResource || resource.Annotations.OfType<DockerfileBuildAnnotation>().Any())
        {
            return $"{registry}/{resource.Name}:latest"; // built by the deployment pipeline (dotnet publish, docker build)
        }

        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Last();
        return $"{(image.Registry is { Length: > 0 } host ? host + "/" : "")}{image.Image}:{image.Tag ?? "latest"}";
    }

    /// <summary>Probes from the resource's health checks: HTTP ones keep their path; TCP servers get a socket probe.</summary>
    private static void AddProbes(IResource resource, Dictionary<string, object> container)
    {
        var http = Ports(resource).FirstOrDefault(p => p.Name is "http");
        if (resource is ProjectResource)
        {
            container["readinessProbe"] = KubernetesObjects.HttpProbe("/health", http.Port);
            container["livenessProbe"] = KubernetesObjects.HttpProbe("/alive", http.Port);
        }
        else if (resource is ModelServerResource || resource.Annotations.OfType<DockerfileBuildAnnotation>().Any())
        {
            container["readinessProbe"] = KubernetesObjects.HttpProbe("/health", http.Port);
        }
        else if (Ports(resource).FirstOrDefault() is { Name: not null } first)
        {
            container["readinessProbe"] = new Dictionary<string, object> { ["tcpSocket"] = new Dictionary<string, object> { ["port"] = first.Port } };
        }
    }
}
