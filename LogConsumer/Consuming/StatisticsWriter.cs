using System.Globalization;
using System.Text;
using Moderation.Data;
using Moderation.Events;
using MySqlConnector;

namespace LogConsumer.Consuming;

/// <summary>
/// Adds a batch of events to the statistics in one transaction, exactly once per event id: ids already in
/// <c>processed_events</c> are skipped, the new ones are recorded there in the same transaction as the counts
/// they add. Two consumers racing on one event: the second insert of its id fails, its transaction rolls back,
/// and the retry finds the id processed.
/// </summary>
internal sealed class StatisticsWriter(string connectionString)
{
    private const int RowsPerStatement = 500;

    /// <returns>How many of the events were new.</returns>
    public async Task<int> WriteAsync(IReadOnlyList<GatewayEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

        var unique = events.DistinctBy(e => e.EventId).ToList();
        var seen = await ProcessedAsync(connection, transaction, unique, cancellationToken);
        var fresh = unique.Where(e => !seen.Contains(e.EventId)).ToList();
        if (fresh.Count > 0)
        {
            var now = DateTime.UtcNow;
            await InsertAsync(connection, transaction, "INSERT INTO processed_events (event_id, processed_at) VALUES ", "",
                fresh.Select(e => new object[] { e.EventId.ToByteArray(bigEndian: true), now }), cancellationToken);
            await AddCountsAsync(connection, transaction, fresh, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return fresh.Count;
    }

    /// <summary>Deletes processed ids older than <paramref name="window"/>: no redelivery of them can come any more.</summary>
    public async Task<int> PruneAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("DELETE FROM processed_events WHERE processed_at < @before LIMIT 100000", connection);
        command.Parameters.AddWithValue("@before", DateTime.UtcNow - window);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<Guid>> ProcessedAsync(
        MySqlConnection connection, MySqlTransaction transaction, List<GatewayEvent> events, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++)
            {
                names.Add($"@e{i}");
                command.Parameters.AddWithValue($"@e{i}", chunk[i].EventId.ToByteArray(bigEndian: true));
            }

            command.CommandText = $"SELECT event_id FROM processed_events WHERE event_id IN ({string.Join(',', names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                seen.Add(new Guid((byte[])reader[0], bigEndian: true));
            }
        }

        return seen;
    }

    private static async Task AddCountsAsync(
        MySqlConnection connection, MySqlTransaction transaction, List<GatewayEvent> events, CancellationToken cancellationToken)
    {
        var requests = events.OfType<RequestServed>()
            .GroupBy(r => (r.KeyId, Hour: Truncate(r.At, TimeSpan.FromHours(1)), r.Endpoint, r.Mode))
            .OrderBy(g => g.Key) // a fixed order of row locks: two consumers cannot deadlock on them
            .Select(g =>
            {
                var buckets = new long[RequestStats.LatencyBoundsMs.Length + 1];
                foreach (var r in g)
                {
                    var bucket = Array.FindIndex(RequestStats.LatencyBoundsMs, bound => r.LatencyMs <= bound);
                    buckets[bucket < 0 ? buckets.Length - 1 : bucket]++;
                }

                return new object[] { g.Key.KeyId, g.Key.Hour, g.Key.Endpoint, g.Key.Mode, g.LongCount(), g.LongCount(r => r.Abusive),
                    g.Sum(r => (long)r.Detections), g.Sum(r => r.LatencyMs) }.Concat(buckets.Cast<object>()).ToArray();
            });
        await InsertAsync(connection, transaction,
            "INSERT INTO stats_requests_hourly (key_id, hour, endpoint, mode, requests, abusive, detections, latency_sum_ms, "
            + "le1_ms, le5_ms, le10_ms, le25_ms, le50_ms, le100_ms, le250_ms, le500_ms, le1000_ms, over1000_ms) VALUES ",
            " ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests), abusive = abusive + VALUES(abusive), "
            + "detections = detections + VALUES(detections), latency_sum_ms = latency_sum_ms + VALUES(latency_sum_ms), "
            + "le1_ms = le1_ms + VALUES(le1_ms), le5_ms = le5_ms + VALUES(le5_ms), le10_ms = le10_ms + VALUES(le10_ms), "
            + "le25_ms = le25_ms + VALUES(le25_ms), le50_ms = le50_ms + VALUES(le50_ms), le100_ms = le100_ms + VALUES(le100_ms), "
            + "le250_ms = le250_ms + VALUES(le250_ms), le500_ms = le500_ms + VALUES(le500_ms), "
            + "le1000_ms = le1000_ms + VALUES(le1000_ms), over1000_ms = over1000_ms + VALUES(over1000_ms)",
            requests, cancellationToken);

        var languages = events.OfType<RequestServed>()
            .GroupBy(r => (Day: r.At.Date, r.Lang))
            .OrderBy(g => g.Key)
            .Select(g => new object[] { g.Key.Day, g.Key.Lang, g.LongCount(), g.LongCount(r => r.Abusive) });
        await InsertAsync(connection, transaction, "INSERT INTO stats_languages_daily (day, lang, requests, abusive) VALUES ",
            " ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests), abusive = abusive + VALUES(abusive)", languages, cancellationToken);

        var words = WordRows(events)
            .Select(w => new object[] { w.Day, w.Lang, w.Word, w.Category, w.Count });
        await InsertAsync(connection, transaction, "INSERT INTO stats_words_daily (day, lang, word, category, count) VALUES ",
            " ON DUPLICATE KEY UPDATE count = count + VALUES(count)", words, cancellationToken);

        var findings = FindingRows(events).Select(f => new object[] { f.Day, f.KeyId, f.Kind, f.Name, f.Count });
        await InsertAsync(connection, transaction, "INSERT INTO stats_findings_daily (day, key_id, kind, name, count) VALUES ",
            " ON DUPLICATE KEY UPDATE count = count + VALUES(count)", findings, cancellationToken);

        var abuse = events.OfType<AbuseDetected>()
            .GroupBy(a => a.KeyId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new object[] { g.Key, g.LongCount(), g.Max(a => a.At) })
            .ToList();
        await InsertAsync(connection, transaction, "INSERT INTO stats_abuse_by_key (key_id, count, last_at) VALUES ",
            " ON DUPLICATE KEY UPDATE count = count + VALUES(count), last_at = GREATEST(last_at, VALUES(last_at))", abuse, cancellationToken);
        foreach (var row in abuse)
        {
            // Keys from configuration (FilterApi alone) have no row; the statistics above still count them.
            await using var update = new MySqlCommand("UPDATE api_keys SET abuse_count = abuse_count + @count WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("@count", row[1]);
            update.Parameters.AddWithValue("@id", row[0]);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Multi-row INSERT of <paramref name="rows"/>, <see cref="RowsPerStatement"/> rows per statement, all parameters.</summary>
    private static async Task InsertAsync(
        MySqlConnection connection, MySqlTransaction transaction, string insert, string onDuplicate, IEnumerable<object[]> rows,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var sql = new StringBuilder(insert);
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < chunk[r].Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? name : "," + name);
                    command.Parameters.AddWithValue(name, chunk[r][c]);
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(onDuplicate).ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The <c>stats_words_daily</c> increments of a batch: an aggregated <see cref="WordsDetected"/> adds each word's
    /// count, a single <see cref="WordDetected"/> (written by FilterApi before it aggregated) adds one. In a fixed order
    /// of row locks, so two consumers cannot deadlock on them.
    /// </summary>
    internal static IEnumerable<(DateTime Day, string Lang, string Word, string Category, long Count)> WordRows(IEnumerable<GatewayEvent> events) =>
        events
            .SelectMany(e => e switch
            {
                WordsDetected many => many.Words.Select(w => (Day: many.At.Date, w.Lang, w.Word, w.Category, Count: (long)w.Count)),
                WordDetected one => [(Day: one.At.Date, one.Lang, one.Word, one.Category, Count: 1L)],
                _ => [],
            })
            .GroupBy(w => (w.Day, w.Lang, w.Word, w.Category))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Lang, StringComparer.Ordinal).ThenBy(g => g.Key.Word, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => (g.Key.Day, g.Key.Lang, g.Key.Word, g.Key.Category, g.Sum(w => w.Count)));

    /// <summary>The <c>stats_findings_daily</c> increments of a batch (LLM verdicts and categories, personal-data labels), in a fixed order.</summary>
    internal static IEnumerable<(DateTime Day, string KeyId, string Kind, string Name, long Count)> FindingRows(IEnumerable<GatewayEvent> events) =>
        events.OfType<RequestServed>()
            .SelectMany(r => (r.Findings ?? []).Select(f => (Day: r.At.Date, r.KeyId, f.Kind, f.Name, Count: (long)f.Count)))
            .GroupBy(f => (f.Day, f.KeyId, f.Kind, f.Name))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.KeyId, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => (g.Key.Day, g.Key.KeyId, g.Key.Kind, g.Key.Name, g.Sum(f => f.Count)));

    private static DateTime Truncate(DateTime at, TimeSpan unit) => new(at.Ticks - at.Ticks % unit.Ticks, DateTimeKind.Utc);
}
