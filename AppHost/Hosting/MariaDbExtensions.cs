using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

public static class MariaDbExtensions
{
    private const string Image = "docker.io/library/mariadb";
    private const string ImageTag = "11.4";

    /// <summary>
    /// A MySQL-compatible server: <c>mariadbd</c> on this machine (no container engine needed), or the MariaDB
    /// image in publish mode. The application account's password is the parameter <c>NAME-password</c>.
    /// </summary>
    public static IResourceBuilder<IMariaDbServerResource> AddMariaDb(this IDistributedApplicationBuilder builder, string name)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        return builder.UsesContainers() ? AddContainer(builder, name, password) : AddLocal(builder, name, password);
    }

    /// <summary>
    /// A database the server creates (with the application account's rights on it) once the server is healthy;
    /// only then does the database report Running, so <c>WaitFor(database)</c> means "the schema owner can connect".
    /// </summary>
    public static IResourceBuilder<MariaDbDatabaseResource> AddDatabase(this IResourceBuilder<IMariaDbServerResource> server, string name, string? databaseName = null)
    {
        databaseName ??= name;
        server.Resource.Databases[name] = databaseName;
        var database = server.ApplicationBuilder.AddResource(new MariaDbDatabaseResource(name, databaseName, server.Resource));
        if (server.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            // A child resource has no process and so no state of its own: without this it would wait forever.
            database.WithInitialState(new() { ResourceType = "MariaDBDatabase", State = KnownResourceStates.Waiting, Properties = [] });
        }

        return database;
    }

    private static IResourceBuilder<IMariaDbServerResource> AddLocal(IDistributedApplicationBuilder builder, string name, ParameterResource password)
    {
        var resource = new MariaDbServerResource(name, AppHostExtensions.FindExecutable("mariadbd") ?? "mariadbd", builder.StateDirectoryFor(name), password);
        return builder.AddResource(resource)
            .WithEndpoint(MariaDbServerResource.PrimaryEndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
                endpoint.Port = endpoint.TargetPort = ListeningPorts.OutsideEphemeralRange(); // keeps it across a restart
            })
            .WithArgs(
            [
                // No system my.cnf, and a temporary folder of its own: parallel test graphs collided in /tmp.
                "--no-defaults", "--datadir=" + resource.DataDirectory, "--bind-address=127.0.0.1",
                "--socket=" + resource.Socket, "--pid-file=" + Path.Combine(resource.StateDirectory, "mysqld.pid"),
                "--tmpdir=" + resource.TemporaryDirectory, "--user=" + Environment.UserName,
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--port", resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort),
            ])
            .OnBeforeStart(InitializeDataDirectoryAsync)
            .OnResourceReady((server, ready, cancellationToken) => CreateDatabasesAsync(server, ready.Services, cancellationToken))
            // The server speaks first: its handshake packet carries the protocol version 10 (0x0A) and its version.
            .WithHealthCheck("handshake", _ => new TcpProbeHealthCheck(resource.PrimaryEndpoint, _ => ValueTask.FromResult(""), "MariaDB"));
    }

    private static IResourceBuilder<IMariaDbServerResource> AddContainer(IDistributedApplicationBuilder builder, string name, ParameterResource password)
    {
        var resource = new MariaDbContainerResource(name, password);
        var rootPassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-root-password", special: false);
        return builder.AddResource(resource)
            .WithImage(Image, ImageTag)
            .WithEndpoint(port: null, targetPort: 3306, scheme: "tcp", name: MariaDbContainerResource.PrimaryEndpointName)
            .WithEnvironment("MARIADB_ROOT_PASSWORD", rootPassword) // differs from the application's on purpose
            .WithEnvironment("MARIADB_USER", MariaDbServerResource.UserName)
            .WithEnvironment("MARIADB_PASSWORD", password)
            .WithEnvironment(context =>
            {
                // The image creates one database with the account's rights on it; the app needs one.
                if (resource.Databases.Values.FirstOrDefault() is { } database)
                {
                    context.EnvironmentVariables["MARIADB_DATABASE"] = database;
                }
            })
            .WithVolume($"{name}-data", "/var/lib/mysql")
            .OnResourceReady((server, ready, _) => MarkDatabasesRunningAsync(server, ready.Services))
            .WithHealthCheck("handshake", _ => new TcpProbeHealthCheck(resource.PrimaryEndpoint, _ => ValueTask.FromResult(""), "MariaDB"));
    }

    private static async Task InitializeDataDirectoryAsync(MariaDbServerResource server, CancellationToken cancellationToken)
    {
        Prerequisites.Require(server.Command, "mariadb-server");
        Prerequisites.Require("mariadb-install-db", "mariadb-server");
        Prerequisites.Require("mariadb", "mariadb-client");
        Directory.CreateDirectory(server.TemporaryDirectory);
        if (Directory.Exists(Path.Combine(server.DataDirectory, "mysql")))
        {
            return; // a second run reuses the data
        }

        Directory.CreateDirectory(server.DataDirectory);
        await Programs.RunAsync("mariadb-install-db", input: null, cancellationToken,
            "--no-defaults", "--datadir=" + server.DataDirectory, "--tmpdir=" + server.TemporaryDirectory,
            "--user=" + Environment.UserName, "--auth-root-authentication-method=socket", "--skip-test-db");
    }

    private static async Task CreateDatabasesAsync(MariaDbServerResource server, IServiceProvider services, CancellationToken cancellationToken)
    {
        // The password travels on standard input, never on a command line where ps would show it.
        var password = (await server.PasswordParameter.GetValueAsync(cancellationToken) ?? "").Replace("'", "''", StringComparison.Ordinal);
        var statements = string.Join('\n',
        [
            .. server.Databases.Values.Select(d => $"CREATE DATABASE IF NOT EXISTS `{d}` CHARACTER SET utf8mb4;"),
            $"CREATE USER IF NOT EXISTS '{MariaDbServerResource.UserName}'@'%' IDENTIFIED BY '{password}';",
            $"ALTER USER '{MariaDbServerResource.UserName}'@'%' IDENTIFIED BY '{password}';",
            .. server.Databases.Values.Select(d => $"GRANT ALL ON `{d}`.* TO '{MariaDbServerResource.UserName}'@'%';"),
        ]);
        await Programs.RunAsync("mariadb", statements, cancellationToken, "--no-defaults", "--socket=" + server.Socket, "-uroot");

        await MarkDatabasesRunningAsync(server, services);
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        HostingLog.DatabasesReady(logger, MariaDbServerResource.UserName);
    }

    private static async Task MarkDatabasesRunningAsync(IMariaDbServerResource server, IServiceProvider services)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        foreach (var database in model.Resources.OfType<MariaDbDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Running });
        }
    }
}
