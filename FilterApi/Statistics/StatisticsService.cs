using Microsoft.EntityFrameworkCore;
using Moderation.Data;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Statistics;

/// <summary>Reads what LogConsumer wrote: hourly request rows, daily word rows, abuse per key; dead letters from Redis.</summary>
internal sealed class StatisticsService(FilterDbContext db, TimeProvider time, IConnectionMultiplexer? redis = null)
{
    public (DateTime From, DateTime To) Range(DateTime? from, DateTime? to)
    {
        var end = to is { } t ? Utc(t) : time.GetUtcNow().UtcDateTime;
        return (from is { } f ? Utc(f) : end.AddDays(-1), end);
    }

    public async Task<StatsOverview> OverviewAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        // Summed by MySQL: a day of a busy gateway is thousands of hourly rows (keys × endpoints × modes).
        var sums = await Requests(from, to)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Requests = g.Sum(r => r.Requests),
                Abusive = g.Sum(r => r.Abusive),
                Buckets = new[]
                {
                    g.Sum(r => r.Le1Ms), g.Sum(r => r.Le5Ms), g.Sum(r => r.Le10Ms), g.Sum(r => r.Le25Ms), g.Sum(r => r.Le50Ms),
                    g.Sum(r => r.Le100Ms), g.Sum(r => r.Le250Ms), g.Sum(r => r.Le500Ms), g.Sum(r => r.Le1000Ms), g.Sum(r => r.Over1000Ms),
                },
            })
            .FirstOrDefaultAsync(cancellationToken);
        var buckets = sums?.Buckets ?? new long[RequestStats.LatencyBoundsMs.Length + 1];
        var top = await WordsAsync(from, to, lang: null, category: null, top: 10, cancellationToken);
        return new StatsOverview(from, to, sums?.Requests ?? 0, sums?.Abusive ?? 0, Percentile(buckets, 0.50), Percentile(buckets, 0.95), top);
    }

    public async Task<StatsTimeseries> TimeseriesAsync(
        bool daily, DateTime from, DateTime to, CancellationToken cancellationToken, string? keyId = null, string? endpoint = null)
    {
        var query = Requests(from, to);
        if (!string.IsNullOrWhiteSpace(keyId))
        {
            query = query.Where(r => r.KeyId == keyId);
        }

        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            query = query.Where(r => r.Endpoint == endpoint);
        }

        var rows = await query.Select(r => new { r.Hour, r.Requests, r.Abusive }).ToListAsync(cancellationToken);
        var points = rows
            .GroupBy(r => daily ? r.Hour.Date : r.Hour)
            .OrderBy(g => g.Key)
            .Select(g => new TimeseriesPoint(DateTime.SpecifyKind(g.Key, DateTimeKind.Utc), g.Sum(r => r.Requests), g.Sum(r => r.Abusive)))
            .ToList();
        return new StatsTimeseries(daily ? "day" : "hour", from, to, points);
    }

    public async Task<IReadOnlyList<WordCount>> WordsAsync(DateTime from, DateTime to, string? lang, string? category, int top, CancellationToken cancellationToken)
    {
        var query = db.WordStats.AsNoTracking().Where(w => w.Day >= from.Date && w.Day <= to.Date);
        if (!string.IsNullOrWhiteSpace(lang))
        {
            query = query.Where(w => w.Lang == lang);
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(w => w.Category == category);
        }

        var counts = await query
            .GroupBy(w => new { w.Word, w.Lang, w.Category })
            .Select(g => new { g.Key.Word, g.Key.Lang, g.Key.Category, Count = g.Sum(w => w.Count) })
            .OrderByDescending(w => w.Count).ThenBy(w => w.Word)
            .Take(top)
            .ToListAsync(cancellationToken);
        return [.. counts.Select(w => new WordCount(w.Word, w.Lang, w.Category, w.Count))];
    }

    public async Task<StatsTotals> TotalsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var languages = await db.LanguageStats.AsNoTracking().Where(l => l.Day >= from.Date && l.Day <= to.Date)
            .GroupBy(l => l.Lang)
            .Select(g => new { Lang = g.Key, Requests = g.Sum(l => l.Requests), Abusive = g.Sum(l => l.Abusive) })
            .ToListAsync(cancellationToken);
        var categories = await db.WordStats.AsNoTracking().Where(w => w.Day >= from.Date && w.Day <= to.Date)
            .GroupBy(w => w.Category)
            .Select(g => new { Category = g.Key, Detections = g.Sum(w => w.Count) })
            .ToListAsync(cancellationToken);
        var endpoints = await Requests(from.Date, to)
            .GroupBy(r => r.Endpoint)
            .Select(g => new { Endpoint = g.Key, Requests = g.Sum(r => r.Requests), Abusive = g.Sum(r => r.Abusive) })
            .ToListAsync(cancellationToken);
        return new StatsTotals(from, to,
            [.. languages.OrderByDescending(l => l.Requests).Select(l => new LanguageTotal(l.Lang, l.Requests, l.Abusive))],
            [.. categories.OrderByDescending(c => c.Detections).Select(c => new CategoryTotal(c.Category, c.Detections))],
            await FindingsAsync(from, to, keyId: null, cancellationToken),
            [.. endpoints.OrderByDescending(e => e.Requests).Select(e => new EndpointTotal(e.Endpoint, e.Requests, e.Abusive))]);
    }

    public async Task<KeyStats?> KeyAsync(string keyId, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = await Requests(from, to).Where(r => r.KeyId == keyId).ToListAsync(cancellationToken);
        var abuse = await db.KeyAbuseStats.AsNoTracking().Where(a => a.KeyId == keyId).Select(a => (long?)a.Count).FirstOrDefaultAsync(cancellationToken);
        if (rows.Count == 0 && abuse is null && !await db.ApiKeys.AnyAsync(k => k.Id == keyId, cancellationToken))
        {
            return null;
        }

        var endpoints = rows.GroupBy(r => (r.Endpoint, r.Mode)).OrderBy(g => g.Key)
            .Select(g => new EndpointCount(g.Key.Endpoint, g.Key.Mode, g.Sum(r => r.Requests), g.Sum(r => r.Abusive))).ToList();
        return new KeyStats(keyId, from, to, rows.Sum(r => r.Requests), rows.Sum(r => r.Abusive), abuse ?? 0, endpoints,
            await FindingsAsync(from, to, keyId, cancellationToken));
    }

    /// <summary>The deeper tiers' findings by kind and name over whole days, of one key or all.</summary>
    private async Task<IReadOnlyList<FindingTotal>> FindingsAsync(DateTime from, DateTime to, string? keyId, CancellationToken cancellationToken)
    {
        var query = db.FindingStats.AsNoTracking().Where(f => f.Day >= from.Date && f.Day <= to.Date);
        if (keyId is not null)
        {
            query = query.Where(f => f.KeyId == keyId);
        }

        var findings = await query
            .GroupBy(f => new { f.Kind, f.Name })
            .Select(g => new { g.Key.Kind, g.Key.Name, Count = g.Sum(f => f.Count) })
            .ToListAsync(cancellationToken);
        return [.. findings.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenByDescending(f => f.Count).Select(f => new FindingTotal(f.Kind, f.Name, f.Count))];
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count)
    {
        if (redis is null)
        {
            return [];
        }

        var entries = await redis.GetDatabase().StreamRangeAsync(EventStreams.DeadLetter, count: count, messageOrder: Order.Descending);
        return [.. entries.Select(e =>
        {
            var fields = e.Values.ToDictionary(v => (string)v.Name!, v => (string?)v.Value ?? "");
            return new DeadLetter(e.Id!, fields.GetValueOrDefault("stream", ""), fields.GetValueOrDefault("entryId", ""),
                fields.GetValueOrDefault("error", ""), fields.GetValueOrDefault("at", ""),
                fields.Where(f => f.Key.StartsWith("original.", StringComparison.Ordinal)).ToDictionary(f => f.Key["original.".Length..], f => f.Value));
        })];
    }

    /// <summary>
    /// Moves up to <paramref name="count"/> dead letters, oldest first, back onto the stream they came from with their
    /// original fields (event id included, so what was counted before is not counted again), each with its removal
    /// from <c>dead-letter</c> in one transaction. A letter without a consumed stream or original fields stays.
    /// </summary>
    /// <returns>How many were replayed.</returns>
    public async Task<int> ReplayDeadLettersAsync(int count)
    {
        if (redis is null)
        {
            return 0;
        }

        var database = redis.GetDatabase();
        var replayed = 0;
        foreach (var letter in await database.StreamRangeAsync(EventStreams.DeadLetter, count: count))
        {
            var stream = letter.Values.FirstOrDefault(v => v.Name == "stream").Value;
            NameValueEntry[] original = [.. letter.Values
                .Where(v => ((string?)v.Name)?.StartsWith("original.", StringComparison.Ordinal) == true)
                .Select(v => new NameValueEntry(((string)v.Name!)["original.".Length..], v.Value))];
            if (stream.IsNullOrEmpty || !EventStreams.Consumed.Contains((string)stream!) || original.Length == 0)
            {
                continue;
            }

            var transaction = database.CreateTransaction();
            _ = transaction.StreamAddAsync((string)stream!, original);
            _ = transaction.StreamDeleteAsync(EventStreams.DeadLetter, [letter.Id]);
            if (await transaction.ExecuteAsync())
            {
                replayed++;
            }
        }

        return replayed;
    }

    // Hourly rows whose hour starts within [from, to): callers ask in whole hours.
    private IQueryable<RequestStats> Requests(DateTime from, DateTime to)
    {
        var firstHour = new DateTime(from.Ticks - from.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        return db.RequestStats.AsNoTracking().Where(r => r.Hour >= firstHour && r.Hour < to);
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the requests fall, interpolated within its bucket.</summary>
    private static double? Percentile(long[] buckets, double quantile)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var target = quantile * total;
        long before = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (before + buckets[i] >= target && buckets[i] > 0)
            {
                var lower = i == 0 ? 0 : RequestStats.LatencyBoundsMs[i - 1];
                if (i == RequestStats.LatencyBoundsMs.Length)
                {
                    return lower; // beyond the last bound: at least that
                }

                var upper = RequestStats.LatencyBoundsMs[i];
                return Math.Round(lower + (upper - lower) * (target - before) / buckets[i], 3);
            }

            before += buckets[i];
        }

        return null;
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
}
