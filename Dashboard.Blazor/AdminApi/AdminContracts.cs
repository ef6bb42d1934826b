using System.Text.Json.Serialization;

namespace Dashboard.Blazor.AdminApi;

// The console's copies of FilterApi's admin contracts (FilterApi/Admin, Keys, Lexicons, Statistics): the console
// talks HTTP to FilterApi and shares no code with it, so either side can be deployed on its own.

/// <summary>The answer of <c>POST /token</c>.</summary>
public sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record AuditEntry(long Id, DateTime At, string Actor, string Action, string Target, string? Detail);

public sealed record KeyView(
    string Id,
    string Prefix,
    string Name,
    string OwnerEmail,
    IReadOnlyList<string> Scopes,
    string Status,
    bool RequireSignature,
    int RateLimitPerMinute,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    long AbuseCount);

/// <summary>Body of <c>POST /api/v1/admin/keys</c> and <c>PATCH /api/v1/admin/keys/{id}</c>.</summary>
public sealed record KeyRequest(
    string? Name, string? OwnerEmail, IReadOnlyList<string>? Scopes, bool? RequireSignature, int? RateLimitPerMinute, DateTime? ExpiresAt);

/// <summary>The only answer that carries a key and its secret: shown once, never kept.</summary>
public sealed record IssuedKey(string Id, string Key, string Secret, KeyView Details);

public sealed record WordCount(string Word, string Lang, string Category, long Count);

public sealed record StatsOverview(
    DateTime From, DateTime To, long Requests, long Abusive, double? LatencyP50Ms, double? LatencyP95Ms, IReadOnlyList<WordCount> TopWords);

public sealed record TimeseriesPoint(DateTime At, long Requests, long Abusive);

public sealed record StatsTimeseries(string Bucket, DateTime From, DateTime To, IReadOnlyList<TimeseriesPoint> Points);

public sealed record LanguageTotal(string Lang, long Requests, long Abusive);

public sealed record CategoryTotal(string Category, long Detections);

public sealed record FindingTotal(string Kind, string Name, long Count);

public sealed record EndpointTotal(string Endpoint, long Requests, long Abusive);

/// <param name="Endpoints">Absent from FilterApi versions before the per-endpoint totals.</param>
public sealed record StatsTotals(
    DateTime From,
    DateTime To,
    IReadOnlyList<LanguageTotal> Languages,
    IReadOnlyList<CategoryTotal> Categories,
    IReadOnlyList<FindingTotal> Findings,
    IReadOnlyList<EndpointTotal>? Endpoints);

public sealed record EndpointCount(string Endpoint, string Mode, long Requests, long Abusive);

public sealed record KeyStats(
    string KeyId, DateTime From, DateTime To, long Requests, long Abusive, long AbuseCountAllTime, IReadOnlyList<EndpointCount> Endpoints,
    IReadOnlyList<FindingTotal> Findings);

public sealed record DeadLetter(string Id, string Stream, string EntryId, string Error, string At, IReadOnlyDictionary<string, string> Original);

public sealed record DeadLetterReplay(int Replayed);

public sealed record LexiconOverride(long Id, string Lang, string Word, string Action, string Category, int Severity, DateTime UpdatedAt, string UpdatedBy);

public sealed record LexiconRequest(string Lang, string Word, string Action, string? Category, int? Severity);
