using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FilterApi.Auth;
using FilterApi.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;
using StackExchange.Redis;

namespace FilterApi.Keys;

/// <summary>
/// Keys from MySQL behind two caches: this process (seconds) and Redis (minutes). A key costs one database query
/// when first seen by the whole replica set and none after; change notices evict both caches on every replica.
/// A well-formed key the database does not know is remembered as unknown in both caches for a short while
/// (<see cref="KeyStoreOptions.UnknownKeyCacheTtl"/>), in this process apart from the known keys, so made-up keys
/// neither reach the database again nor push known keys out of memory.
/// </summary>
internal sealed partial class DatabaseApiKeyStore(
    IDbContextFactory<FilterDbContext> databases,
    SigningSecretProtector secrets,
    LastUsedRecorder lastUsed,
    IOptions<KeyStoreOptions> options,
    TimeProvider time,
    ILogger<DatabaseApiKeyStore> logger,
    IConnectionMultiplexer? redis = null) : IApiKeyStore
{
    private const int MaxEvictionStamps = 100_000;

    /// <summary>What Redis holds for a key the database does not know (a known key's entry is JSON).</summary>
    private const string UnknownMarker = "unknown";

    private readonly LruCache<ApiKey> _known = new(options.Value.LocalCacheCapacity);
    private readonly LruCache<bool> _unknown = new(options.Value.LocalCacheCapacity);
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiKey?>>> _loading = new(StringComparer.Ordinal);

    // When each key was last evicted: a load that began before then may hold the old record and must not cache it.
    private readonly ConcurrentDictionary<string, long> _evictedAt = new(StringComparer.Ordinal);

    public async ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!ApiKeyCredentials.IsWellFormed(presentedKey))
        {
            return null;
        }

        var hashHex = Convert.ToHexStringLower(ApiKeyCredentials.Hash(presentedKey));
        var now = time.GetTimestamp();
        if (_known.TryGet(hashHex, now, out var known))
        {
            return known;
        }

        if (_unknown.TryGet(hashHex, now, out _))
        {
            return null;
        }

        // One lookup per key at a time, however many requests arrive with it at once.
        var loading = _loading.GetOrAdd(hashHex, h => new Lazy<Task<ApiKey?>>(() => LoadAsync(h)));
        try
        {
            return await loading.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<ApiKey?>>>(hashHex, loading));
        }
    }

    public async ValueTask<ApiKey?> FindCachedAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!ApiKeyCredentials.IsWellFormed(presentedKey))
        {
            return null;
        }

        var hashHex = Convert.ToHexStringLower(ApiKeyCredentials.Hash(presentedKey));
        if (_known.TryGet(hashHex, time.GetTimestamp(), out var known))
        {
            return known;
        }

        // Not cached here: answered from Redis, and cached by the next full lookup only (that one minds evictions).
        return await ReadSharedAsync(hashHex) is { Key: { } cached } ? ToApiKey(hashHex, cached) : null;
    }

    public void RecordUse(ApiKey key) => lastUsed.Record(key.Id);

    /// <summary>Forgets one key in this process (a change notice).</summary>
    public void Evict(string hashHex)
    {
        if (_evictedAt.Count >= MaxEvictionStamps)
        {
            _evictedAt.Clear();
        }

        _evictedAt[hashHex] = time.GetTimestamp();
        _known.Remove(hashHex);
        _unknown.Remove(hashHex);
    }

    /// <summary>Forgets every key in this process (notices may have been missed while Redis was away).</summary>
    public void EvictAll()
    {
        _known.Clear();
        _unknown.Clear();
    }

    private async Task<ApiKey?> LoadAsync(string hashHex)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var shared = await ReadSharedAsync(hashHex);
        var cached = shared?.Key;
        if (shared is null)
        {
            await using var db = await databases.CreateDbContextAsync();
            var hash = Convert.FromHexString(hashHex);
            var record = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash);
            if (record is not null)
            {
                cached = new CachedKey(record.Id, record.Scopes, record.Status, record.RequireSignature,
                    record.RateLimitPerMinute, record.ExpiresAt, record.ProtectedSigningSecret, record.GuardDefaults);
            }

            if (!EvictedSince(hashHex, started))
            {
                await WriteSharedAsync(hashHex, cached);
            }
        }

        var key = cached is null ? null : ToApiKey(hashHex, cached);
        if (EvictedSince(hashHex, started))
        {
            return key; // changed while loading: answer this request, cache nothing, read afresh next time
        }

        if (key is null)
        {
            _unknown.Set(hashHex, true, Deadline(settings.UnknownKeyCacheTtl));
        }
        else
        {
            _known.Set(hashHex, key, Deadline(settings.LocalCacheTtl));
        }

        return key;
    }

    private long Deadline(TimeSpan ttl) => time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency);

    private bool EvictedSince(string hashHex, long started) => _evictedAt.TryGetValue(hashHex, out var at) && at >= started;

    private ApiKey ToApiKey(string hashHex, CachedKey cached)
    {
        byte[]? signingKey = null;
        if (cached.RequireSignature)
        {
            // Decrypted only where it is needed; without it every signed request is refused, never let through.
            if (secrets.TryUnprotect(cached.ProtectedSigningSecret) is { } secret)
            {
                signingKey = Encoding.UTF8.GetBytes(secret);
            }
            else
            {
                LogSecretUnreadable(logger, cached.Id);
            }
        }

        return new ApiKey(cached.Id, cached.RateLimitPerMinute)
        {
            Scopes = ApiScopes.Parse(cached.Scopes),
            Status = cached.Status,
            ExpiresAt = cached.ExpiresAt,
            RequireSignature = cached.RequireSignature,
            SigningKey = signingKey,
            HashHex = hashHex,
            Guard = GuardSettingsRules.Read(cached.GuardDefaults),
        };
    }

    /// <returns>Null when Redis holds nothing for the key (or cannot be asked); otherwise the key, or null inside for unknown.</returns>
    private async Task<SharedEntry?> ReadSharedAsync(string hashHex)
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(RedisNames.ApiKey(hashHex));
            if (value.IsNullOrEmpty)
            {
                return null;
            }

            return value == UnknownMarker
                ? new SharedEntry(null)
                : JsonSerializer.Deserialize<CachedKey>((string)value!) is { } cached ? new SharedEntry(cached) : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            LogSharedCacheFailed(logger, e);
            return null;
        }
    }

    /// <param name="cached">The key, or null to remember that the database does not know it.</param>
    private async Task WriteSharedAsync(string hashHex, CachedKey? cached)
    {
        if (redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            await (cached is null
                ? redis.GetDatabase().StringSetAsync(RedisNames.ApiKey(hashHex), UnknownMarker, options.Value.UnknownKeyCacheTtl)
                : redis.GetDatabase().StringSetAsync(RedisNames.ApiKey(hashHex), JsonSerializer.Serialize(cached), options.Value.SharedCacheTtl));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSharedCacheFailed(logger, e);
        }
    }

    /// <summary>What Redis answered: <see cref="Key"/> null means "unknown to the database".</summary>
    private sealed record SharedEntry(CachedKey? Key);

    /// <summary>What Redis holds for a key: no key, no plain secret.</summary>
    private sealed record CachedKey(
        string Id, string Scopes, ApiKeyStatus Status, bool RequireSignature, int RateLimitPerMinute, DateTime? ExpiresAt, string ProtectedSigningSecret,
        string? GuardDefaults = null);

    [LoggerMessage(Level = LogLevel.Error, Message = "The signing secret of key {KeyId} cannot be decrypted (Data Protection key ring lost?): its signed requests are refused")]
    private static partial void LogSecretUnreadable(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis key cache unavailable; reading keys from MySQL")]
    private static partial void LogSharedCacheFailed(ILogger logger, Exception error);
}
