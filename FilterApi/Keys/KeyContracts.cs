namespace FilterApi.Keys;

/// <summary>Body of <c>POST /api/v1/admin/keys</c>.</summary>
/// <param name="Scopes">Any of filter, analyze, guard, documents, predict; all of them when omitted.</param>
/// <param name="RateLimitPerMinute">Requests per minute across every replica; 0 means unlimited; 600 when omitted.</param>
/// <param name="ExpiresAt">Optional: the key is refused (4030) from then on.</param>
/// <param name="Guard">Optional: the key's defaults for the chat guard; a request's <c>x-guard-*</c> headers override them.</param>
public sealed record IssueKeyRequest(
    string? Name, string? OwnerEmail, IReadOnlyList<string>? Scopes, bool? RequireSignature, int? RateLimitPerMinute, DateTime? ExpiresAt,
    GuardSettings? Guard = null);

/// <summary>Body of <c>PATCH /api/v1/admin/keys/{id}</c>: only the fields present change.</summary>
/// <param name="Guard">Replaces the key's chat-guard defaults; <c>{}</c> clears them.</param>
public sealed record UpdateKeyRequest(
    string? Name, string? OwnerEmail, IReadOnlyList<string>? Scopes, bool? RequireSignature, int? RateLimitPerMinute, DateTime? ExpiresAt,
    GuardSettings? Guard = null);

/// <summary>
/// A key's defaults for <c>/v1/chat/completions</c>, each one a request's <c>x-guard-*</c> header overrides; an
/// absent field takes the gateway's default.
/// </summary>
/// <param name="Type"><c>input</c>, <c>output</c> or <c>both</c> (default): which side is checked.</param>
/// <param name="Api"><c>identifier</c> (personal data), <c>risk-detector</c> (the moderation tiers) or <c>both</c> (default).</param>
/// <param name="ExcludeLabels">Personal-data labels not to mask.</param>
/// <param name="Details">Whether answers carry <c>security_proxied_data</c> (default true).</param>
/// <param name="FailureMode"><c>open</c> (default: a failed check forwards the original) or <c>closed</c> (503).</param>
public sealed record GuardSettings(string? Type, string? Api, IReadOnlyList<string>? ExcludeLabels, bool? Details, string? FailureMode)
{
    public bool IsEmpty => Type is null && Api is null && ExcludeLabels is null && Details is null && FailureMode is null;
}

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
    long AbuseCount,
    GuardSettings? Guard = null);

/// <summary>The answer to issuing a key: the only time <paramref name="Key"/> and <paramref name="Secret"/> are shown.</summary>
/// <param name="Secret">HMAC key for <c>X-Auth-Token</c> (its UTF-8 bytes), needed when the key requires signed requests.</param>
public sealed record IssuedKey(string Id, string Key, string Secret, KeyView Details);
