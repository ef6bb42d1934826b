namespace FilterApi.Keys;

/// <summary>Body of <c>POST /api/v1/admin/keys</c>.</summary>
/// <param name="Scopes">Any of filter, analyze, guard, documents, predict; all of them when omitted.</param>
/// <param name="RateLimitPerMinute">Requests per minute across every replica; 0 means unlimited; 600 when omitted.</param>
/// <param name="ExpiresAt">Optional: the key is refused (4030) from then on.</param>
public sealed record IssueKeyRequest(
    string? Name, string? OwnerEmail, IReadOnlyList<string>? Scopes, bool? RequireSignature, int? RateLimitPerMinute, DateTime? ExpiresAt);

/// <summary>Body of <c>PATCH /api/v1/admin/keys/{id}</c>: only the fields present change.</summary>
public sealed record UpdateKeyRequest(
    string? Name, string? OwnerEmail, IReadOnlyList<string>? Scopes, bool? RequireSignature, int? RateLimitPerMinute, DateTime? ExpiresAt);

/// <summary>A key as operators see it: never the key or its secret.</summary>
/// <param name="Status">ACTIVE, REVOKED or EXPIRED (also when <paramref name="ExpiresAt"/> has passed).</param>
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

/// <summary>The answer to issuing a key: the only time <paramref name="Key"/> and <paramref name="Secret"/> are shown.</summary>
/// <param name="Secret">HMAC key for <c>X-Auth-Token</c> (its UTF-8 bytes), needed when the key requires signed requests.</param>
public sealed record IssuedKey(string Id, string Key, string Secret, KeyView Details);
