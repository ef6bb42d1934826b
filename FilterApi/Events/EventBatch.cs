using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>Entries sent to Redis as one pipelined batch, waited for a bounded time.</summary>
internal static class EventBatch
{
    /// <returns>Null when Redis took every entry within <paramref name="wait"/>, else why not.</returns>
    public static async Task<string?> TrySendAsync(IConnectionMultiplexer redis, IReadOnlyList<EventEntry> entries, TimeSpan wait)
    {
        var database = redis.GetDatabase();
        var sent = Task.WhenAll(entries.Select(e => database.StreamAddAsync(e.Stream, e.ToRedis())));
        try
        {
            await sent.WaitAsync(wait);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Entries Redis takes later are in a stream twice once the journal is replayed: counted once by event id.
            _ = sent.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return e is TimeoutException && !sent.IsCompleted ? $"Redis did not answer within {wait}" : e.Message;
        }
    }
}
