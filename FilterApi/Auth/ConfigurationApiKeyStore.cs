using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FilterApi.Auth;

/// <summary>
/// Keys from <c>Auth:ApiKeys</c>. Only their SHA-256 hashes stay in memory, and a presented key is compared
/// against every hash in constant time, so neither timing nor a memory dump gives a key away.
/// </summary>
internal sealed class ConfigurationApiKeyStore : IApiKeyStore
{
    private readonly (byte[] Hash, ApiKey Key)[] _keys;

    public ConfigurationApiKeyStore(IOptions<AuthOptions> options)
    {
        var limit = options.Value.DefaultRequestsPerMinute;
        _keys = [.. options.Value.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Distinct(StringComparer.Ordinal)
            .Select(k => Hash(k))
            .Select(hash => (hash, new ApiKey($"cfg-{Convert.ToHexStringLower(hash, 0, 6)}", limit) { HashHex = Convert.ToHexStringLower(hash) }))];
    }

    public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var presented = Hash(presentedKey);
        ApiKey? found = null;
        foreach (var (hash, key) in _keys)
        {
            // No early exit: every request costs the same whichever key (if any) it matches.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = key;
            }
        }

        return ValueTask.FromResult(found);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
