using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class LocalRedisExtensions
{
    /// <summary>
    /// Redis as this machine runs it (<c>redis-server</c> from apt, no container engine needed); in publish mode
    /// Aspire's Redis container under the same name, so references and connection strings read the same.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.UsesContainers())
        {
            return builder.AddRedis(name).WithDataVolume();
        }

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var resource = new LocalRedisResource(name, AppHostExtensions.FindExecutable("redis-server") ?? "redis-server", builder.StateDirectoryFor(name), password);
        return builder.AddResource(resource)
            .WithEndpoint(LocalRedisResource.PrimaryEndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false; // one hop less for every cache and rate-limit call
                endpoint.Port = endpoint.TargetPort = ListeningPorts.OutsideEphemeralRange(); // keeps it across a restart
            })
            .WithArgs(context =>
            {
                context.Args.Add(resource.ConfigFile);
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .OnBeforeStart(async (redis, cancellationToken) =>
            {
                Prerequisites.Require(redis.Command, "redis-server");
                var data = Path.Combine(redis.StateDirectory, "data");
                Directory.CreateDirectory(data);
                var secret = await redis.PasswordParameter.GetValueAsync(cancellationToken);
                SecretFile.Write(redis.ConfigFile, $"""
                    bind 127.0.0.1
                    protected-mode yes
                    daemonize no
                    dir {data}
                    appendonly yes
                    save ""
                    requirepass {secret}
                    """);
            })
            .WithHealthCheck("ping", _ => new TcpProbeHealthCheck(
                resource.PrimaryEndpoint,
                async cancellationToken => $"AUTH {await password.GetValueAsync(cancellationToken)}\r\nPING\r\n",
                "+PONG"));
    }
}
