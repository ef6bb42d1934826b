using FilterApi.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;
using Moderation.Engine;
using Moderation.Engine.Lexicons;
using StackExchange.Redis;

namespace FilterApi.Lexicons;

/// <summary>
/// Keeps this replica's engine equal to the built-in lexicon plus the overrides in MySQL: rebuilt off to the side
/// and swapped in atomically when a <c>lexicon-changed</c> notice arrives, and on a slow poll in case a notice
/// was missed while Redis was away.
/// </summary>
internal sealed partial class LexiconSynchronizer(
    IDbContextFactory<FilterDbContext> databases,
    EngineHolder engines,
    IOptions<LexiconSyncOptions> options,
    ILogger<LexiconSynchronizer> logger,
    IConnectionMultiplexer? redis = null) : BackgroundService
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private (int Count, DateTime? Latest) _applied = (-1, null);

    /// <summary>Tells every replica (this one included) to reload.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisNames.LexiconChangedChannel), "changed");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogAnnounceFailed(logger, e, options.Value.PollInterval.TotalSeconds);
        }
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var overrides = await db.LexiconOverrides.AsNoTracking().ToListAsync(cancellationToken);
            var added = overrides
                .Where(o => o.Action == LexiconOverrideAction.Add)
                .Select(o => new LexiconEntry(o.Word, o.Lang, o.Category, o.Severity, LexiconFormat.DefaultScope(o.Word)));
            var removed = overrides.Where(o => o.Action == LexiconOverrideAction.Remove).Select(o => (o.Lang, o.Word));
            engines.Swap(ModerationEngine.Create(Lexicon.BuiltIn.WithOverrides(added, removed)));
            _applied = (overrides.Count, overrides.Count == 0 ? null : overrides.Max(o => o.UpdatedAt));
            LogApplied(logger, overrides.Count);
        }
        finally
        {
            _reloading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisNames.LexiconChangedChannel), (_, _) => _ = ReloadQuietlyAsync(stoppingToken));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogSubscribeFailed(logger, e, options.Value.PollInterval.TotalSeconds); // the multiplexer subscribes again once connected
            }
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PollAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var count = await db.LexiconOverrides.CountAsync(cancellationToken);
            DateTime? latest = count == 0 ? null : await db.LexiconOverrides.MaxAsync(o => o.UpdatedAt, cancellationToken);
            if ((count, latest) != _applied)
            {
                await ReloadAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReloadFailed(logger, e);
        }
    }

    private async Task ReloadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReloadFailed(logger, e);
        }
    }

    public override void Dispose()
    {
        _reloading.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lexicon rebuilt with {Count} overrides")]
    private static partial void LogApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lexicon overrides could not be reloaded; the current engine stays")]
    private static partial void LogReloadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to lexicon changes yet; until then this replica polls every {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: other replicas pick up the lexicon change within {Seconds} s")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception error, double seconds);
}

/// <summary>Section <c>Lexicon</c>.</summary>
internal sealed class LexiconSyncOptions
{
    public const string Section = "Lexicon";

    /// <summary>How often replicas look for changes whose notice they missed.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
