namespace FilterApi.Auth;

/// <summary>What the API knows about the key a request presented. The key itself is never kept.</summary>
/// <param name="Id">A stable, non-secret identifier for logs, metrics and rate limits.</param>
/// <param name="RequestsPerMinute">The key's limit; 0 means unlimited.</param>
internal sealed record ApiKey(string Id, int RequestsPerMinute);

/// <summary>Finds the key a request presented. A later issue replaces the configuration store with MySQL and Redis.</summary>
internal interface IApiKeyStore
{
    ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken);
}

/// <summary>Decides whether a key may make one more request now.</summary>
internal interface IRequestRateLimiter
{
    /// <returns>Null when admitted, otherwise how long to wait.</returns>
    TimeSpan? TryAcquire(ApiKey key);
}
