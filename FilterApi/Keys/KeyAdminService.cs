using System.Net.Mail;
using FilterApi.Admin;
using FilterApi.Auth;
using Microsoft.EntityFrameworkCore;
using Moderation.Data;

namespace FilterApi.Keys;

/// <summary>Issues, lists, changes and revokes keys; every change is audited and evicted from every replica's caches.</summary>
internal sealed class KeyAdminService(FilterDbContext db, SigningSecretProtector protector, KeyChangeNotifier notifier, TimeProvider time)
{
    public const int DefaultRateLimitPerMinute = 600;
    public const int MaxRateLimitPerMinute = 1_000_000;

    public async Task<(IssuedKey? Issued, Dictionary<string, string[]>? Errors)> IssueAsync(IssueKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Require(request.Name, "name", 100, errors);
        var email = RequireEmail(request.OwnerEmail, errors);
        var scopes = CheckScopes(request.Scopes ?? [.. ApiScopes.All], errors);
        CheckLimit(request.RateLimitPerMinute, errors);
        var guard = request.Guard is null ? null : GuardSettingsRules.Check(request.Guard, errors);
        var now = time.GetUtcNow().UtcDateTime;
        if (request.ExpiresAt is { } expires && ToUtc(expires) <= now)
        {
            errors["expiresAt"] = ["expiresAt must be in the future"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var credentials = ApiKeyCredentials.Create();
        var record = new ApiKeyRecord
        {
            Id = credentials.Id,
            Prefix = credentials.Prefix,
            KeyHash = credentials.KeyHash,
            ProtectedSigningSecret = protector.Protect(credentials.Secret),
            Name = name!,
            OwnerEmail = email!,
            Scopes = scopes!,
            Status = ApiKeyStatus.Active,
            RequireSignature = request.RequireSignature ?? false,
            RateLimitPerMinute = request.RateLimitPerMinute ?? DefaultRateLimitPerMinute,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt is { } e ? ToUtc(e) : null,
            GuardDefaults = GuardSettingsRules.Store(guard),
        };
        db.ApiKeys.Add(record);
        AuditLog.Record(db, time, actor, "key.issued", record.Id,
            new { record.Name, record.OwnerEmail, record.Scopes, record.RequireSignature, record.RateLimitPerMinute, record.ExpiresAt, Guard = guard });
        await db.SaveChangesAsync(cancellationToken);
        return (new IssuedKey(record.Id, credentials.Key, credentials.Secret, ToView(record)), null);
    }

    public async Task<PagedList<KeyView>> ListAsync(string? search, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(k => k.Name.Contains(term) || k.OwnerEmail.Contains(term) || k.Id == term || k.Prefix.StartsWith(term));
        }

        if (Enum.TryParse<ApiKeyStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(k => k.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var records = await query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<KeyView>([.. records.Select(ToView)], page, pageSize, total);
    }

    public async Task<KeyView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } record ? ToView(record) : null;

    public async Task<(KeyView? Key, Dictionary<string, string[]>? Errors)> UpdateAsync(
        string id, UpdateKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (record is null)
        {
            return (null, null);
        }

        var errors = new Dictionary<string, string[]>();
        var name = request.Name is null ? record.Name : Require(request.Name, "name", 100, errors);
        var email = request.OwnerEmail is null ? record.OwnerEmail : RequireEmail(request.OwnerEmail, errors);
        var scopes = request.Scopes is null ? record.Scopes : CheckScopes(request.Scopes, errors);
        CheckLimit(request.RateLimitPerMinute, errors);
        var guard = request.Guard is null ? null : GuardSettingsRules.Check(request.Guard, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        record.Name = name!;
        record.OwnerEmail = email!;
        record.Scopes = scopes!;
        record.RequireSignature = request.RequireSignature ?? record.RequireSignature;
        record.RateLimitPerMinute = request.RateLimitPerMinute ?? record.RateLimitPerMinute;
        record.ExpiresAt = request.ExpiresAt is { } expires ? ToUtc(expires) : record.ExpiresAt;
        record.GuardDefaults = request.Guard is null ? record.GuardDefaults : GuardSettingsRules.Store(guard);
        AuditLog.Record(db, time, actor, "key.updated", record.Id, request);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(Notice(record, KeyChangeNotice.Updated));
        return (ToView(record), null);
    }

    /// <summary>Revokes a key for good; revoking it again changes nothing.</summary>
    public async Task<KeyView?> RevokeAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.Status != ApiKeyStatus.Revoked)
        {
            record.Status = ApiKeyStatus.Revoked;
            record.RevokedAt = time.GetUtcNow().UtcDateTime;
            AuditLog.Record(db, time, actor, "key.revoked", record.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Sent again on a repeated revoke too: a replica that missed the first notice hears it now.
        await notifier.PublishAsync(Notice(record, KeyChangeNotice.Revoked));
        return ToView(record);
    }

    private KeyChangeNotice Notice(ApiKeyRecord record, string reason) =>
        new(Guid.CreateVersion7(), record.Id, Convert.ToHexStringLower(record.KeyHash), reason, time.GetUtcNow().UtcDateTime);

    private KeyView ToView(ApiKeyRecord k)
    {
        var status = k.Status == ApiKeyStatus.Active && k.ExpiresAt <= time.GetUtcNow().UtcDateTime ? ApiKeyStatus.Expired : k.Status;
        return new KeyView(k.Id, k.Prefix, k.Name, k.OwnerEmail, [.. ApiScopes.Parse(k.Scopes).Order(StringComparer.Ordinal)],
            status.ToString().ToUpperInvariant(), k.RequireSignature, k.RateLimitPerMinute, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt, k.AbuseCount,
            GuardSettingsRules.Read(k.GuardDefaults));
    }

    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Unspecified
        ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
        : value.ToUniversalTime();

    private static string? Require(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength)
        {
            errors[field] = [$"{field} is required, at most {maxLength} characters"];
            return null;
        }

        return trimmed;
    }

    private static string? RequireEmail(string? value, Dictionary<string, string[]> errors)
    {
        var email = Require(value, "ownerEmail", 254, errors);
        if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors["ownerEmail"] = ["ownerEmail must be an e-mail address"];
            return null;
        }

        return email;
    }

    private static string? CheckScopes(IReadOnlyList<string> scopes, Dictionary<string, string[]> errors)
    {
        if (scopes.Count == 0 || ApiScopes.Unknown(scopes) is { Count: > 0 })
        {
            errors["scopes"] = [$"scopes must be one or more of {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}"];
            return null;
        }

        return ApiScopes.Format(scopes);
    }

    private static void CheckLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 0 or > MaxRateLimitPerMinute)
        {
            errors["rateLimitPerMinute"] = [$"rateLimitPerMinute must be 0 (unlimited) to {MaxRateLimitPerMinute}"];
        }
    }
}
