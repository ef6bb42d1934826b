namespace Moderation.Data;

/// <summary>Where a key stands. Stored as its upper-case name (ACTIVE, REVOKED, EXPIRED).</summary>
public enum ApiKeyStatus
{
    Active,
    Revoked,
    Expired,
}

/// <summary>
/// An API key as the database knows it: the SHA-256 hash of the key (never the key) and its signing secret
/// encrypted with Data Protection (never in plain text).
/// </summary>
public sealed class ApiKeyRecord
{
    /// <summary>Public, non-secret identifier (<c>key_…</c>) used in routes, logs and statistics.</summary>
    public required string Id { get; set; }

    /// <summary>The first characters of the key, so an operator can tell which key a client holds.</summary>
    public required string Prefix { get; set; }

    public required byte[] KeyHash { get; set; }

    public required string ProtectedSigningSecret { get; set; }

    public required string Name { get; set; }

    public required string OwnerEmail { get; set; }

    /// <summary>Comma-separated scopes, e.g. <c>filter,analyze</c>.</summary>
    public required string Scopes { get; set; }

    public ApiKeyStatus Status { get; set; }

    public bool RequireSignature { get; set; }

    /// <summary>0 means unlimited.</summary>
    public int RateLimitPerMinute { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public long AbuseCount { get; set; }

    /// <summary>The key's defaults for the chat guard (<c>/v1/chat/completions</c>) as JSON; null for the gateway's defaults.</summary>
    public string? GuardDefaults { get; set; }
}

/// <summary>An operator of the admin API. Only a password hash is stored.</summary>
public sealed class AdminUser
{
    public int Id { get; set; }

    public required string Username { get; set; }

    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastLoginAt { get; set; }
}

public enum LexiconOverrideAction
{
    /// <summary>The word is detected in addition to the built-in lexicon.</summary>
    Add,

    /// <summary>A built-in word is no longer detected.</summary>
    Remove,
}

/// <summary>An operator's change to the built-in lexicon of one language; one per word and language.</summary>
public sealed class LexiconOverride
{
    public long Id { get; set; }

    public required string Lang { get; set; }

    public required string Word { get; set; }

    public LexiconOverrideAction Action { get; set; }

    public required string Category { get; set; }

    public int Severity { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>One admin action: who did what to which target, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary>What changed, as JSON; never a key or a secret.</summary>
    public string? Detail { get; set; }
}

/// <summary>A secret the service generates for itself (the admin token signing key), encrypted with Data Protection.</summary>
public sealed class ServiceSecret
{
    public required string Name { get; set; }

    public required string ProtectedValue { get; set; }

    public DateTime CreatedAt { get; set; }
}
