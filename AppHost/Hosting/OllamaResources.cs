namespace Aspire.Hosting.ApplicationModel;

/// <summary>An Ollama server, local or a container: what a model inside it needs.</summary>
public interface IOllamaServerResource : IResourceWithConnectionString
{
    EndpointReference PrimaryEndpoint { get; }

    /// <summary>Models to pull once the server is up, by resource name.</summary>
    Dictionary<string, string> Models { get; }
}

/// <summary><c>ollama serve</c> when Ollama is installed, with its models in the resource's state folder.</summary>
public sealed class OllamaResource(string name, string command, string stateDirectory)
    : ExecutableResource(name, command, stateDirectory), IOllamaServerResource
{
    internal const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public Dictionary<string, string> Models { get; } = [];

    internal string StateDirectory { get; } = stateDirectory;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)}");
}

/// <summary>The <c>ollama/ollama</c> image, for publish mode.</summary>
public sealed class OllamaContainerResource(string name) : ContainerResource(name), IOllamaServerResource
{
    internal const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public Dictionary<string, string> Models { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)}");
}

/// <summary>
/// A model served by Ollama. Its connection string is the one CommunityToolkit's Ollama integration writes,
/// <c>Endpoint=http://host:port;Model=NAME</c>, which OllamaSharp's client reads.
/// </summary>
public sealed class OllamaModelResource(string name, string modelName, IOllamaServerResource parent)
    : Resource(name), IResourceWithParent<IOllamaServerResource>, IResourceWithConnectionString
{
    public IOllamaServerResource Parent { get; } = parent;

    public string ModelName { get; } = modelName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Model={ModelName}");
}
