namespace Aspire.Hosting.ApplicationModel;

/// <summary>A MySQL-compatible server, whether run locally or as a container: what a database inside it needs.</summary>
public interface IMariaDbServerResource : IResourceWithConnectionString
{
    EndpointReference PrimaryEndpoint { get; }

    /// <summary>Databases to create, by resource name.</summary>
    Dictionary<string, string> Databases { get; }
}

/// <summary>
/// <c>mariadbd</c> from Debian's package, with a data directory initialised on first run in its state folder.
/// Root logs in only through the server's own socket; the services use the <see cref="UserName"/> account,
/// whose password is a parameter.
/// </summary>
public sealed class MariaDbServerResource(string name, string command, string stateDirectory, ParameterResource password)
    : ExecutableResource(name, command, stateDirectory), IMariaDbServerResource
{
    public const string UserName = "gateway";
    internal const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    public Dictionary<string, string> Databases { get; } = [];

    internal string StateDirectory { get; } = stateDirectory;

    internal string DataDirectory => Path.Combine(StateDirectory, "data");

    internal string Socket => Path.Combine(StateDirectory, "mysqld.sock");

    internal string TemporaryDirectory => Path.Combine(StateDirectory, "tmp");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Server={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};User ID={UserName};Password={PasswordParameter}");
}

/// <summary>The MariaDB image, for publish mode and machines with a container runtime.</summary>
public sealed class MariaDbContainerResource(string name, ParameterResource password) : ContainerResource(name), IMariaDbServerResource
{
    internal const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    public Dictionary<string, string> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Server={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};User ID={MariaDbServerResource.UserName};Password={PasswordParameter}");
}

/// <summary>A database inside a MariaDB server: referencing it gives <c>ConnectionStrings__NAME</c> with the database set.</summary>
public sealed class MariaDbDatabaseResource(string name, string databaseName, IMariaDbServerResource parent)
    : Resource(name), IResourceWithParent<IMariaDbServerResource>, IResourceWithConnectionString
{
    public IMariaDbServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
