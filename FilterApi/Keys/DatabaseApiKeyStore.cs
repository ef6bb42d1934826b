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
    private const int MaxLocalEntries = 100_000;

    private readonly ConcurrentDictionary<string, LocalEntry> _local = new(StringComparer.Ordinal);
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
        if (_local.TryGetValue(hashHex, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Key;
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

    public void RecordUse(ApiKey key) => lastUsed.Record(key.Id);

    /// <summary>Forgets one key in this process (a change notice).</summary>
    public void Evict(string hashHex)
    {
        if (_evictedAt.Count >= MaxLocalEntries)
        {
            _evictedAt.Clear();
        }

        _evictedAt[hashHex] = time.GetTimestamp();
        _local.TryRemove(hashHex, out _);
    }

    /// <summary>Forgets every key in this process (notices may have been missed while Redis was away).</summary>
    public void EvictAll() => _local.Clear();

    private async Task<ApiKey?> LoadAsync(string hashHex)
    {
        var started = time.GetTimestamp();
        var cached = await ReadSharedAsync(hashHex);
        if (cached is null)
        {
            await using var db = await databases.CreateDbContextAsync();
            var hash = Convert.FromHexString(hashHex);
            var record = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash);
            if (record is not null)
            {
                cached = new CachedKey(record.Id, record.Scopes, record.Status, record.RequireSignature,
                    record.RateLimitPerMinute, record.ExpiresAt, record.ProtectedSigningSecret);
                if (!EvictedSince(hashHex, started))
                {
                    await WriteSharedAsync(hashHex, cached);
                }
            }
        }

        var key = cached is null ? null : ToApiKey(hashHex, cached);
        if (EvictedSince(hashHex, started))
        {
            return key; // changed while loading: answer this request, cache nothing, read afresh next time
        }

        if (_local.Count >= MaxLocalEntries)
        {
            _local.Clear(); // a flood of unknown but well-formed keys must not grow memory without bound
        }

        _local[hashHex] = new LocalEntry(key, time.GetTimestamp() + (long)(options.Value.LocalCacheTtl.TotalSeconds * time.TimestampFrequency));
        return key;
    }

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
        };
    }

    private async Task<CachedKey?> ReadSharedAsync(string hashHex)
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(RedisNames.ApiKey(hashHex));
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<CachedKey>((string)value!);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            LogSharedCacheFailed(logger, e);
            return null;
        }
    }

    private async Task WriteSharedAsync(string hashHex, CachedKey cached)
    {
        if (redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(RedisNames.ApiKey(hashHex), JsonSerializer.Serialize(cached), options.Value.SharedCacheTtl);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSharedCacheFailed(logger, e);
        }
    }

    private sealed record LocalEntry(ApiKey? Key, long ExpiresAt);

    /// <summary>What Redis holds for a key: no key, no plain secret.</summary>
    private sealed record CachedKey(
        string Id, string Scopes, ApiKeyStatus Status, bool RequireSignature, int RateLimitPerMinute, DateTime? ExpiresAt, string ProtectedSigningSecret);

    [LoggerMessage(Level = LogLevel.Error, Message = "The signing secret of key {KeyId} cannot be decrypted (Data Protection key ring lost?): its signed requests are refused")]
    private static partial void LogSecretUnreadable(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis key cache unavailable; reading keys from MySQL")]
    private static partial void LogSharedCacheFailed(ILogger logger, Exception error);
}
