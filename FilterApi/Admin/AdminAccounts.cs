using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;

namespace FilterApi.Admin;

/// <summary>
/// Operators and their passwords (PBKDF2 hashes from ASP.NET Core Identity). The first operator comes from
/// configuration: created at start-up, and its password reset to the configured one when an operator changed it
/// there, so the AppHost's <c>admin-password</c> parameter is always the way in.
/// </summary>
internal sealed partial class AdminAccounts(
    IDbContextFactory<FilterDbContext> databases, IOptions<AdminOptions> options, TimeProvider time, ILogger<AdminAccounts> logger)
{
    private static readonly PasswordHasher<AdminUser> Hasher = new();

    // Verified when the user does not exist, so a wrong user name takes as long as a wrong password.
    private static readonly AdminUser Decoy = new() { Username = "", PasswordHash = "" };
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(Decoy, Guid.NewGuid().ToString()));

    public async Task EnsureConfiguredAdminAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.FirstOrDefaultAsync(u => u.Username == settings.Username, cancellationToken);
        if (user is null)
        {
            user = new AdminUser { Username = settings.Username, PasswordHash = "", CreatedAt = time.GetUtcNow().UtcDateTime };
            user.PasswordHash = Hasher.HashPassword(user, settings.Password!);
            db.AdminUsers.Add(user);
            AuditLog.Record(db, time, "system", "admin.created", settings.Username);
        }
        else if (Hasher.VerifyHashedPassword(user, user.PasswordHash, settings.Password!) != PasswordVerificationResult.Success)
        {
            user.PasswordHash = Hasher.HashPassword(user, settings.Password!);
            AuditLog.Record(db, time, "system", "admin.password-from-configuration", settings.Username);
            LogPasswordReset(logger, settings.Username);
        }
        else
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (user.Id == 0)
        {
            // A replica starting at the same time created the user first.
        }
    }

    /// <returns>True when <paramref name="password"/> is the password of <paramref name="username"/>.</returns>
    /// <remarks>Every attempt is audited, a failed one with the client address and whether the user exists.</remarks>
    public async Task<bool> VerifyAsync(string username, string password, string clientAddress, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.FirstOrDefaultAsync(u => u.Username == username, cancellationToken);
        var result = Hasher.VerifyHashedPassword(user ?? Decoy, user?.PasswordHash ?? DecoyHash.Value, password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            // Written on both paths, so an unknown user name still takes as long as a wrong password.
            AuditLog.Record(db, time, username, "admin.login-failed", username,
                new { clientAddress, reason = user is null ? "unknown-user" : "wrong-password" });
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
        }

        user.LastLoginAt = time.GetUtcNow().UtcDateTime;
        AuditLog.Record(db, time, username, "admin.login", username, new { clientAddress });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The password of {Username} was set from configuration (Admin:Password)")]
    private static partial void LogPasswordReset(ILogger logger, string username);
}
