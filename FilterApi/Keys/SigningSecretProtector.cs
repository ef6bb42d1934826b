using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FilterApi.Keys;

/// <summary>
/// Encrypts signing secrets (and the service's own secrets) at rest with Data Protection. Its key ring lives in
/// Redis, apart from the MySQL rows it protects, so a database dump alone reveals no secret.
/// </summary>
internal sealed class SigningSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Moderation.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <returns>The secret, or null when the key ring that encrypted it is gone.</returns>
    public string? TryUnprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
