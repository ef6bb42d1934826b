using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FilterApi.Admin;

/// <summary>Short-lived HS256 JWTs for operators, signed with a key every replica shares (see <see cref="ServiceSecrets"/>).</summary>
internal sealed class AdminTokens(IOptions<AdminOptions> options, TimeProvider time)
{
    public const string Issuer = "moderation-gateway";
    public const string Audience = "moderation-gateway-admin";
    public const string Role = "admin";
    public const string SigningKeyName = "admin-token-signing-key";

    private static readonly JsonWebTokenHandler Handler = new();
    private volatile SymmetricSecurityKey? _signingKey;

    /// <summary>Null until the database initialiser has loaded the key; tokens are refused until then.</summary>
    public SecurityKey? SigningKey => _signingKey;

    public void UseSigningKey(byte[] key) => _signingKey = new SymmetricSecurityKey(key);

    public (string Token, int ExpiresInSeconds) Issue(string username)
    {
        var key = _signingKey ?? throw new InvalidOperationException("the admin token signing key is not loaded yet");
        var lifetime = options.Value.TokenLifetime;
        var now = time.GetUtcNow().UtcDateTime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, username), new Claim("role", Role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)lifetime.TotalSeconds);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKeyResolver = (_, _, _, _) => SigningKey is { } key ? [key] : [],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
