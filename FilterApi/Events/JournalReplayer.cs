using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>
/// Offers journal files to Redis while it is connected, oldest first, and deletes each once Redis has every entry:
/// this process's files and those a stopped or killed one left on the same disk. A file being written or replayed
/// by another process is locked and skipped.
/// </summary>
internal sealed partial class JournalReplayer(
    IConnectionMultiplexer redis, EventJournal journal, IOptions<EventOptions> options, IMeterFactory meters, TimeProvider time,
    ILogger<JournalReplayer> logger) : BackgroundService
{
    private readonly Counter<long> _replayed = meters.Create("Moderation.Events")
        .CreateCounter<long>("moderation.events.replayed", description: "Journaled events appended to their Redis stream later");

    /// <summary>Every <see cref="EventOptions.ReplayInterval"/> while Redis is connected: journal files to Redis, oldest first.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReplayInterval, time);
        try
        {
            do
            {
                try
                {
                    await ReplayAsync();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or RedisException)
                {
                    LogReplayFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReplayAsync()
    {
        if (!redis.IsConnected)
        {
            return;
        }

        // The file being written is locked; closing it lets this loop take it (the next batch opens a new one).
        journal.Seal();
        foreach (var path in journal.Files())
        {
            if (!EventJournal.TryOpenForReplay(path, out var file))
            {
                continue; // being written or replayed by another process
            }

            using (file)
            {
                var entries = new List<EventEntry>();
                using (var reader = new StreamReader(file, leaveOpen: true))
                {
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        if (EventEntry.TryParseJournalLine(line, out var entry))
                        {
                            entries.Add(entry);
                        }
                    }
                }

                foreach (var chunk in entries.Chunk(options.Value.BatchSize))
                {
                    if (await EventBatch.TrySendAsync(redis, chunk, options.Value.RedisWait) is { } error)
                    {
                        LogReplayStopped(logger, path, error);
                        return; // kept whole; sent again next time
                    }
                }

                journal.Replayed(path, file);
                _replayed.Add(entries.Count);
                LogReplayed(logger, entries.Count, path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} journaled events to Redis from {Path}")]
    private static partial void LogReplayed(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying {Path} stopped: {Error}; it is tried again later")]
    private static partial void LogReplayStopped(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying the event journal failed; it is tried again later")]
    private static partial void LogReplayFailed(ILogger logger, Exception error);
}
