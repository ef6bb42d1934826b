using Moderation.Events;
using StackExchange.Redis;

namespace LogConsumer.Consuming;

/// <summary>
/// The Redis side of one consumer of the <c>statistics</c> group: reading, claiming, acknowledging, dead-lettering
/// and trimming. Redis lists a consumer only once it has been given entries.
/// </summary>
internal sealed partial class ConsumerGroup(IConnectionMultiplexer redis, TimeProvider time, ILogger<ConsumerGroup> logger)
{
    public const string Name = "statistics";

    /// <summary>This process's consumer name, unique per start so a restarted process claims its old entries like anyone else.</summary>
    public string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Creates the group on every stream, reading from the beginning so entries written before any consumer ran count too.</summary>
    public async Task EnsureAsync()
    {
        var database = redis.GetDatabase();
        foreach (var stream in EventStreams.Consumed)
        {
            try
            {
                await database.StreamCreateConsumerGroupAsync(stream, Name, StreamPosition.Beginning, createStream: true);
            }
            catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Takes over entries pending with some consumer for longer than <paramref name="minIdle"/> (a dead one's).</summary>
    public async Task<List<(string Stream, StreamEntry Entry)>> ClaimAsync(TimeSpan minIdle, int count)
    {
        var claimed = new List<(string, StreamEntry)>();
        foreach (var stream in EventStreams.Consumed)
        {
            var result = await redis.GetDatabase().StreamAutoClaimAsync(stream, Name, Consumer, (long)minIdle.TotalMilliseconds, "0-0", count);
            claimed.AddRange(result.ClaimedEntries.Where(e => !e.IsNull).Select(e => (stream, e)));
        }

        return claimed;
    }

    public async Task<List<(string Stream, StreamEntry Entry)>> ReadNewAsync(int countPerStream)
    {
        var positions = EventStreams.Consumed.Select(s => new StreamPosition(s, StreamPosition.NewMessages)).ToArray();
        var read = await redis.GetDatabase().StreamReadGroupAsync(positions, Name, Consumer, countPerStream);
        return [.. read.SelectMany(stream => stream.Entries.Select(e => ((string)stream.Key!, e)))];
    }

    /// <summary>Keeps the entry, its stream and the error in <c>dead-letter</c>, then acknowledges it so it blocks nothing.</summary>
    public async Task DeadLetterAsync(string stream, StreamEntry entry, string error)
    {
        var database = redis.GetDatabase();
        var fields = new List<NameValueEntry>
        {
            new("stream", stream),
            new("entryId", entry.Id),
            new("error", error),
            new("consumer", Consumer),
            new("at", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        };
        fields.AddRange(entry.Values.Select(v => new NameValueEntry($"original.{v.Name}", v.Value)));
        await database.StreamAddAsync(EventStreams.DeadLetter, [.. fields]);
        await database.StreamAcknowledgeAsync(stream, Name, entry.Id);
        LogDeadLettered(logger, stream, entry.Id!, error);
    }

    /// <summary>Acknowledges counted entries, retrying a while; if that never succeeds they are claimed again and skipped by event id.</summary>
    public async Task AcknowledgeAsync(IEnumerable<(string Stream, RedisValue Id)> entries, Action<Exception> onFailure)
    {
        foreach (var group in entries.GroupBy(e => e.Stream))
        {
            var ids = group.Select(e => e.Id).ToArray();
            var delay = TimeSpan.FromMilliseconds(100);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                try
                {
                    await redis.GetDatabase().StreamAcknowledgeAsync(group.Key, Name, ids);
                    break;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    onFailure(e);
                    await Task.Delay(delay);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
                }
            }
        }
    }

    /// <summary>Trims what the group has acknowledged: everything before its lowest pending entry, or after the last delivered one.</summary>
    public async Task TrimAcknowledgedAsync()
    {
        var database = redis.GetDatabase();
        foreach (var stream in EventStreams.Consumed)
        {
            var group = (await database.StreamGroupInfoAsync(stream)).FirstOrDefault(g => g.Name == Name);
            if (group.Name is null || group.LastDeliveredId is null)
            {
                continue;
            }

            var pending = await database.StreamPendingAsync(stream, Name);
            var keepFrom = pending.PendingMessageCount > 0 ? (string)pending.LowestPendingMessageId! : NextId(group.LastDeliveredId);
            await database.ExecuteAsync("XTRIM", stream, "MINID", keepFrom);
        }
    }

    /// <summary>The smallest stream id after <paramref name="id"/>: entries before it have all been delivered.</summary>
    private static string NextId(string id)
    {
        var parts = id.Split('-');
        return $"{parts[0]}-{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {Stream} entry {EntryId}: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string stream, string entryId, string error);
}
