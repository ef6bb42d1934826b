using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using FilterApi.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FilterApi.Auth;

/// <summary>
/// Checks the <c>X-Auth-Token</c> of a key that requires signed requests: a JWT signed with HS256 and the key's
/// secret, whose <c>body_sha256</c> is the hex SHA-256 of the exact body bytes, with an <c>iat</c> no later than now,
/// an <c>exp</c> at most five minutes after it, and a <c>jti</c> accepted once (clock skew allowed on both). Checked on
/// every request; nothing about it is cached. Because <c>iat</c> must be near now, a token is usable (and its
/// <c>jti</c> remembered) for at most the lifetime plus twice the skew, however its claims were chosen.
/// </summary>
internal sealed class RequestSignatureVerifier(ReplayGuard replays, IOptions<SigningOptions> options, TimeProvider time)
{
    public const string HeaderName = "X-Auth-Token";
    public const string BodyHashClaim = "body_sha256";
    private const int MaxTokenLength = 4096;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <returns>Null when the token is valid for this body and was not used before; otherwise why not (4010).</returns>
    public async ValueTask<Refusal?> VerifyAsync(HttpRequest request, ApiKey key, ReadOnlyMemory<byte> body)
    {
        var token = request.Headers[HeaderName].ToString();
        if (token.Length == 0)
        {
            return Refusal.Unauthorized($"missing {HeaderName}: this API key requires signed requests");
        }

        if (token.Length > MaxTokenLength || key.SigningKey is null)
        {
            return Refusal.Unauthorized($"{HeaderName} is invalid");
        }

        var settings = options.Value;
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(key.SigningKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
        });
        if (!result.IsValid)
        {
            return Refusal.Unauthorized(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var issuedAt))
        {
            return Refusal.Unauthorized($"{HeaderName} has no iat claim");
        }

        if (jwt.ValidTo - DateTimeOffset.FromUnixTimeSeconds(issuedAt).UtcDateTime > settings.MaxTokenLifetime)
        {
            return Refusal.Unauthorized($"{HeaderName} lives too long: exp must be at most {settings.MaxTokenLifetime.TotalSeconds:0} s after iat");
        }

        // Otherwise a token issued "next year" would pass both checks above and stay usable, and its jti tracked, until then.
        var now = time.GetUtcNow();
        if (DateTimeOffset.FromUnixTimeSeconds(issuedAt) > now + settings.ClockSkew)
        {
            return Refusal.Unauthorized($"{HeaderName} is issued in the future: iat must not be later than now");
        }

        if (new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) > now + settings.MaxTokenLifetime + settings.ClockSkew)
        {
            return Refusal.Unauthorized($"{HeaderName} lives too long: exp must be at most {settings.MaxTokenLifetime.TotalSeconds:0} s from now");
        }

        if (!jwt.TryGetPayloadValue<string>(BodyHashClaim, out var claimedHash) || !BodyMatches(claimedHash, body.Span))
        {
            return Refusal.Unauthorized($"{BodyHashClaim} does not match the request body");
        }

        if (!jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var tokenId) || string.IsNullOrEmpty(tokenId) || tokenId.Length > 128)
        {
            return Refusal.Unauthorized($"{HeaderName} needs a jti claim of 1 to 128 characters");
        }

        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + settings.ClockSkew;
        return await replays.TryUseAsync(key.Id, tokenId, expires) switch
        {
            TokenUse.First => null,
            TokenUse.Replayed => Refusal.Unauthorized($"{HeaderName} was already used (jti replay)"),
            _ => Refusal.TooManyRequests(settings.ClockSkew), // by then some remembered token ids have expired
        };
    }

    /// <summary>The hex SHA-256 of the body, compared in constant time.</summary>
    private static bool BodyMatches(string? claimedHex, ReadOnlySpan<byte> body)
    {
        if (claimedHex is not { Length: SHA256.HashSizeInBytes * 2 })
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, actual);
        Span<byte> actualHex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(actual, actualHex, out _);
        Span<byte> claimed = stackalloc byte[SHA256.HashSizeInBytes * 2];
        return Encoding.ASCII.GetBytes(claimedHex.ToLowerInvariant(), claimed) == claimed.Length
            && CryptographicOperations.FixedTimeEquals(actualHex, claimed);
    }

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => $"{HeaderName} has expired",
        SecurityTokenNotYetValidException => $"{HeaderName} is not valid yet",
        SecurityTokenNoExpirationException => $"{HeaderName} has no exp claim",
        SecurityTokenInvalidAlgorithmException => $"{HeaderName} must be signed with HS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => $"{HeaderName} signature is invalid",
        SecurityTokenMalformedException or ArgumentException => $"{HeaderName} is not a well-formed JWT",
        _ => $"{HeaderName} is invalid",
    };
}

/// <summary>Section <c>Auth:Signing</c>: how strict the signed-request check is.</summary>
internal sealed class SigningOptions
{
    public const string Section = "Auth:Signing";

    /// <summary>Longest accepted <c>exp - iat</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Clock difference tolerated between client and server.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most token ids one replica remembers (about 200 bytes each). When they are all unexpired, Redis alone guards
    /// against replays; while Redis is unreachable too, signed requests are refused with 4290 until some expire.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedTokenIds { get; set; } = 200_000;
}
