using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace Moderation.Data;

/// <summary>The <c>filterdb</c> database accepts a connection and a query.</summary>
internal sealed class MySqlHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{connection.Database} on {connection.ServerVersion}");
        }
        catch (MySqlException e)
        {
            return HealthCheckResult.Unhealthy("MySQL refuses the connection", e);
        }
    }
}
