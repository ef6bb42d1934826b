using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Healthy when the server on <paramref name="endpoint"/> answers in its own protocol: sends what
/// <paramref name="request"/> gives (nothing for servers that speak first, as MySQL does) and waits for
/// <paramref name="expected"/> in the reply. An open port alone is not enough: a server still loading its data
/// accepts connections before it can serve them.
/// </summary>
internal sealed class TcpProbeHealthCheck(EndpointReference endpoint, Func<CancellationToken, ValueTask<string>> request, string expected) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("no port allocated yet");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", endpoint.Port, timeout.Token);
            var stream = client.GetStream();
            var payload = await request(timeout.Token);
            if (payload.Length > 0)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(payload), timeout.Token);
            }

            var buffer = new byte[512];
            var received = new StringBuilder();
            while (!received.ToString().Contains(expected, StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return HealthCheckResult.Unhealthy($"the server closed the connection after '{received}'");
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}

internal static class HealthCheckRegistrations
{
    /// <summary>Registers <paramref name="check"/> under a key of its resource and attaches it, as the official integrations do.</summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string suffix, Func<IServiceProvider, IHealthCheck> check)
        where T : IResource
    {
        var key = $"{builder.Resource.Name}_{suffix}";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, check, failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }
}
