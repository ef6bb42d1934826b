using Moderation.Data;

namespace FilterApi.Auth;

/// <summary>What the API knows about the key a request presented. The key itself is never kept.</summary>
/// <param name="Id">A stable, non-secret identifier for logs, metrics and rate limits.</param>
/// <param name="RequestsPerMinute">The key's limit; 0 means unlimited.</param>
internal sealed record ApiKey(string Id, int RequestsPerMinute)
{
    public IReadOnlySet<string> Scopes { get; init; } = ApiScopes.All;

    public ApiKeyStatus Status { get; init; } = ApiKeyStatus.Active;

    public DateTime? ExpiresAt { get; init; }

    /// <summary>Requests must carry an <c>X-Auth-Token</c> signed with <see cref="SigningKey"/>.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>The UTF-8 bytes of the key's signing secret (the HMAC key), or null when the key has none.</summary>
    public byte[]? SigningKey { get; init; }

    /// <summary>The SHA-256 hash of the key, lower-case hex: how caches and change notices name it.</summary>
    public string? HashHex { get; init; }

    /// <summary>The key's chat-guard defaults (an operator's choice); null for the gateway's.</summary>
    public Keys.GuardSettings? Guard { get; init; }
}

/// <summary>Finds the key a request presented: from configuration alone, or from MySQL behind Redis and memory caches.</summary>
internal interface IApiKeyStore
{
    ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken);

    /// <summary>Like <see cref="FindAsync"/>, from caches alone: never a database query; null also for a key not cached.</summary>
    ValueTask<ApiKey?> FindCachedAsync(string presentedKey, CancellationToken cancellationToken) => FindAsync(presentedKey, cancellationToken);

    /// <summary>Notes that <paramref name="key"/> was used now; stores that track it write in batches, never per request.</summary>
    void RecordUse(ApiKey key)
    {
    }
}

/// <summary>Decides whether one more request fits a bucket's per-minute limit.</summary>
internal interface IRequestRateLimiter
{
    /// <returns>Null when admitted, otherwise how long to wait.</returns>
    ValueTask<TimeSpan?> TryAcquireAsync(string bucket, int permitsPerMinute, CancellationToken cancellationToken);
}
