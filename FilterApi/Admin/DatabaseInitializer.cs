using FilterApi.Lexicons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Data;

namespace FilterApi.Admin;

/// <summary>
/// Brings filterdb up to date at start-up (migrations under a lock, so replicas starting together migrate once),
/// then creates the configured admin, loads the admin token key and applies the lexicon overrides. Retries until
/// the database answers; <c>/health</c> says "initialising" until then, so orchestrators wait for it.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IDbContextFactory<FilterDbContext> databases,
    AdminAccounts accounts,
    ServiceSecrets secrets,
    AdminTokens tokens,
    LexiconSynchronizer lexicon,
    ILogger<DatabaseInitializer> logger) : BackgroundService, IHealthCheck
{
    private volatile string? _failure = "not started";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var db = await databases.CreateDbContextAsync(stoppingToken))
                {
                    await db.MigrateWithLockAsync(TimeSpan.FromMinutes(2), stoppingToken);
                }

                await accounts.EnsureConfiguredAdminAsync(stoppingToken);
                tokens.UseSigningKey(await secrets.GetOrCreateAsync(AdminTokens.SigningKeyName, 64, stoppingToken));
                await lexicon.ReloadAsync(stoppingToken);
                _failure = null;
                LogReady(logger);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _failure = e.Message;
                LogRetry(logger, e, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_failure is { } failure
            ? HealthCheckResult.Unhealthy($"initialising filterdb: {failure}")
            : HealthCheckResult.Healthy("schema up to date"));

    [LoggerMessage(Level = LogLevel.Information, Message = "filterdb is up to date; admin API ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "filterdb could not be initialised; retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, Exception error, double seconds);
}
