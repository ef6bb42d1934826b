using System.Security.Cryptography;
using FilterApi.Keys;
using Microsoft.EntityFrameworkCore;
using Moderation.Data;

namespace FilterApi.Admin;

/// <summary>
/// Secrets the service makes for itself and shares with its replicas through MySQL, encrypted with Data
/// Protection: the first replica to start creates one, the others read it.
/// </summary>
internal sealed partial class ServiceSecrets(
    IDbContextFactory<FilterDbContext> databases, SigningSecretProtector protector, TimeProvider time, ILogger<ServiceSecrets> logger)
{
    private const int ReplaceAfterUnreadable = 5;
    private int _unreadable;

    public async Task<byte[]> GetOrCreateAsync(string name, int sizeInBytes, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.ServiceSecrets.FindAsync([name], cancellationToken) is { } stored)
        {
            if (protector.TryUnprotect(stored.ProtectedValue) is { } value)
            {
                return Convert.FromBase64String(value);
            }

            // Another replica's brand-new Data Protection key may not have reached this one yet: the caller retries.
            // Only when it stays unreadable is the key ring gone, and the secret replaced (old admin tokens then fail).
            if (++_unreadable < ReplaceAfterUnreadable)
            {
                throw new InvalidOperationException($"service secret {name} cannot be decrypted yet");
            }

            LogReplaced(logger, name);
            var replacement = RandomNumberGenerator.GetBytes(sizeInBytes);
            stored.ProtectedValue = protector.Protect(Convert.ToBase64String(replacement));
            await db.SaveChangesAsync(cancellationToken);
            return replacement;
        }

        var secret = RandomNumberGenerator.GetBytes(sizeInBytes);
        db.ServiceSecrets.Add(new ServiceSecret
        {
            Name = name,
            ProtectedValue = protector.Protect(Convert.ToBase64String(secret)),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
        catch (DbUpdateException)
        {
            // Another replica created it first: use that one.
            return await GetOrCreateAsync(name, sizeInBytes, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service secret {Name} could not be decrypted (Data Protection key ring lost); a new one replaces it")]
    private static partial void LogReplaced(ILogger logger, string name);
}
