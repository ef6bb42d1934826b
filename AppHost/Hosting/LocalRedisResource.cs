namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// <c>redis-server</c> run from Debian's package, loopback only, append-only file in its state folder, with a
/// password (it holds the Data Protection key ring and the key cache). The password lives in a config file the
/// server reads, owner-only, never on a command line.
/// </summary>
public sealed class LocalRedisResource(string name, string command, string stateDirectory, ParameterResource password)
    : ExecutableResource(name, command, stateDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    internal string StateDirectory { get; } = stateDirectory;

    internal string ConfigFile => Path.Combine(StateDirectory, "redis.conf");

    /// <summary>The StackExchange.Redis form Aspire's own Redis resource writes: <c>host:port,password=…</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
