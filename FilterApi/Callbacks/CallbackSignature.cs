using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FilterApi.Callbacks;

/// <summary>
/// Signs a delivered result so its receiver can tell it came from this gateway, for this key, recently:
/// <c>X-Gateway-Signature: t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(key's secret, "t." + body))</c>.
/// </summary>
internal static class CallbackSignature
{
    public const string HeaderName = "X-Gateway-Signature";

    public static string Create(byte[] signingKey, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, signed))}";
    }
}
