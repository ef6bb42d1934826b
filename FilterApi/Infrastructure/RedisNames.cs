namespace FilterApi.Infrastructure;

/// <summary>Every Redis key prefix and channel FilterApi uses, in one place so replicas and tools agree.</summary>
internal static class RedisNames
{
    /// <summary>Pub/sub: a key's scopes, limit or signing changed; every replica evicts it at once.</summary>
    public const string KeyChangedChannel = "key-changed";

    /// <summary>Pub/sub: the lexicon overrides changed; every replica rebuilds its engine.</summary>
    public const string LexiconChangedChannel = "lexicon-changed";

    /// <summary>Data Protection key ring shared by the replicas.</summary>
    public const string DataProtectionKeys = "dataprotection:keys";

    public static string ApiKey(string keyHashHex) => Moderation.Events.SharedRedisKeys.ApiKeyCache(keyHashHex);

    /// <summary>Sorted set of the permit leases in a bucket's window, scored by when they end.</summary>
    public static string RateLimit(string bucket) => $"ratelimit:{{{bucket}}}";

    /// <summary>How many permits the leases of <see cref="RateLimit"/> hold together.</summary>
    public static string RateLimitPermits(string bucket) => $"ratelimit:{{{bucket}}}:permits";

    public static string TokenId(string keyId, string jti) => $"jti:{keyId}:{jti}";
}
