using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FilterApi.Keys;

/// <summary>
/// A newly issued key and its signing secret, made from a cryptographic RNG. Keys carry a checksum so a malformed
/// or random string is refused without a cache or database lookup (as GitHub and Stripe tokens do).
/// </summary>
internal sealed record ApiKeyCredentials(string Id, string Key, string Secret)
{
    public const string KeyPrefix = "mgk_";
    public const string SecretPrefix = "mgs_";
    private const int RandomBytes = 32;
    private const int ChecksumBytes = 4;
    private static readonly int EncodedLength = Base64Url.GetEncodedLength(RandomBytes + ChecksumBytes);

    /// <summary>What an operator sees of a key: enough to tell keys apart, far too little to use one.</summary>
    public string Prefix => Key[..12];

    public byte[] KeyHash => Hash(Key);

    public static ApiKeyCredentials Create()
    {
        Span<byte> body = stackalloc byte[RandomBytes + ChecksumBytes];
        RandomNumberGenerator.Fill(body[..RandomBytes]);
        Checksum(body[..RandomBytes], body[RandomBytes..]);
        var key = KeyPrefix + Base64Url.EncodeToString(body);
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        var id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return new ApiKeyCredentials(id, key, secret);
    }

    /// <summary>SHA-256 of the key's UTF-8 bytes: what the database stores and caches are keyed by.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Whether <paramref name="presented"/> has the shape and checksum of a key this service issued.</summary>
    public static bool IsWellFormed(string presented)
    {
        if (presented.Length != KeyPrefix.Length + EncodedLength || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> body = stackalloc byte[RandomBytes + ChecksumBytes];
        if (Base64Url.DecodeFromChars(presented.AsSpan(KeyPrefix.Length), body, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != body.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[ChecksumBytes];
        Checksum(body[..RandomBytes], expected);
        return expected.SequenceEqual(body[RandomBytes..]);
    }

    private static void Checksum(ReadOnlySpan<byte> random, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(random, hash);
        hash[..destination.Length].CopyTo(destination);
    }
}
