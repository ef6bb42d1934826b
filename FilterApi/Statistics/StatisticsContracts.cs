namespace FilterApi.Statistics;

public sealed record WordCount(string Word, string Lang, string Category, long Count);

/// <summary>Requests served between <c>from</c> and <c>to</c>; latency percentiles are interpolated from histogram buckets.</summary>
public sealed record StatsOverview(
    DateTime From, DateTime To, long Requests, long Abusive, double? LatencyP50Ms, double? LatencyP95Ms, IReadOnlyList<WordCount> TopWords);

public sealed record TimeseriesPoint(DateTime At, long Requests, long Abusive);

public sealed record StatsTimeseries(string Bucket, DateTime From, DateTime To, IReadOnlyList<TimeseriesPoint> Points);

public sealed record EndpointCount(string Endpoint, string Mode, long Requests, long Abusive);

/// <param name="Findings">The key's LLM verdicts, personal-data labels and chat-guard actions (whole days).</param>
public sealed record KeyStats(
    string KeyId, DateTime From, DateTime To, long Requests, long Abusive, long AbuseCountAllTime, IReadOnlyList<EndpointCount> Endpoints,
    IReadOnlyList<FindingTotal> Findings);

/// <summary>An entry LogConsumer could not count: where it came from, why, and what it held.</summary>
public sealed record DeadLetter(string Id, string Stream, string EntryId, string Error, string At, IReadOnlyDictionary<string, string> Original);

/// <summary>How many dead letters went back onto their streams.</summary>
public sealed record DeadLetterReplay(int Replayed);

public sealed record LanguageTotal(string Lang, long Requests, long Abusive);

public sealed record CategoryTotal(string Category, long Detections);

/// <summary>Per language (of the first detection, or <c>none</c>) and per category totals between <c>from</c> and <c>to</c> (whole days).</summary>
/// <param name="Findings">LLM verdicts and categories, personal-data labels (kinds <c>llm-verdict</c>, <c>llm-category</c>, <c>pii</c>).</param>
/// <param name="Endpoints">Requests per endpoint (<c>filter</c>, <c>analyze</c>, <c>pii</c>, <c>detect</c>, <c>document</c>, <c>guard</c>…).</param>
public sealed record StatsTotals(
    DateTime From, DateTime To, IReadOnlyList<LanguageTotal> Languages, IReadOnlyList<CategoryTotal> Categories, IReadOnlyList<FindingTotal> Findings,
    IReadOnlyList<EndpointTotal> Endpoints);

public sealed record EndpointTotal(string Endpoint, long Requests, long Abusive);

/// <summary>How often a deeper tier found something of this name (never a value).</summary>
public sealed record FindingTotal(string Kind, string Name, long Count);
