using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FilterApi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary><c>X-Auth-Token</c> against a key that requires signed requests, built the way README's clients build it.</summary>
public class SignedRequestTests
{
    private static readonly byte[] Body = """{"text":"f.u.c.k","mode":"FILTER"}"""u8.ToArray();

    [Fact]
    public async Task ATokenIssuedNowIsAcceptedOnce()
    {
        using var api = Api();
        using var client = api.CreateAuthorizedClient();
        var token = Token(issuedAt: DateTimeOffset.UtcNow, lifetime: TimeSpan.FromMinutes(5));

        Assert.Equal(2000, (await SendAsync(client, token)).Code());
        var replayed = await SendAsync(client, token);
        Assert.Equal(4010, replayed.Code());
        Assert.Contains("already used", replayed.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenIssuedInTheFutureIsRefused()
    {
        using var api = Api();
        using var client = api.CreateAuthorizedClient();

        // exp - iat is within the five minutes, but the token would be usable (and its jti tracked) for a year.
        var body = await SendAsync(client, Token(issuedAt: DateTimeOffset.UtcNow.AddDays(365), lifetime: TimeSpan.FromMinutes(5)));

        Assert.Equal(4010, body.Code());
        Assert.Contains("iat", body.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientClockAheadByLessThanTheSkewIsAccepted()
    {
        using var api = Api();
        using var client = api.CreateAuthorizedClient();

        Assert.Equal(2000, (await SendAsync(client, Token(issuedAt: DateTimeOffset.UtcNow.AddSeconds(10), lifetime: TimeSpan.FromMinutes(5)))).Code());
    }

    [Fact]
    public async Task AReplicaRemembersABoundedNumberOfTokenIdsAndRefusesRatherThanForget()
    {
        using var api = Api(new() { ["Auth:Signing:MaxTrackedTokenIds"] = "2" });
        using var client = api.CreateAuthorizedClient();
        var first = Token(issuedAt: DateTimeOffset.UtcNow, lifetime: TimeSpan.FromMinutes(5));

        Assert.Equal(2000, (await SendAsync(client, first)).Code());
        Assert.Equal(2000, (await SendAsync(client, Token(issuedAt: DateTimeOffset.UtcNow, lifetime: TimeSpan.FromMinutes(5)))).Code());

        // Full, no token id expired and no Redis to vouch for a new one: not now, rather than unguarded.
        using var response = await SendRawAsync(client, Token(issuedAt: DateTimeOffset.UtcNow, lifetime: TimeSpan.FromMinutes(5)));
        Assert.Equal(4290, (await FilterResponses.ReadAsync(response)).Code());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After must say how long to wait");

        // What it remembers it still refuses.
        Assert.Equal(4010, (await SendAsync(client, first)).Code());
    }

    private static FilterApiFactory Api(Dictionary<string, string?>? overrides = null) =>
        new(overrides, services => services.AddSingleton<IApiKeyStore, SigningKeyStore>());

    private static async Task<System.Text.Json.JsonElement> SendAsync(HttpClient client, string token)
    {
        using var response = await SendRawAsync(client, token);
        return await FilterResponses.ReadAsync(response);
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Auth-Token", token);
        return client.SendAsync(request);
    }

    /// <summary>HS256 over the body's hash with a fresh jti, as README's C# client signs.</summary>
    private static string Token(DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var exp = iat + (long)lifetime.TotalSeconds;
        var header = B64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var claims = B64Url(Encoding.UTF8.GetBytes(
            $$"""{"body_sha256":"{{Convert.ToHexStringLower(SHA256.HashData(Body))}}","iat":{{iat}},"exp":{{exp}},"jti":"{{Guid.NewGuid()}}"}"""));
        var signature = B64Url(HMACSHA256.HashData(SigningKeyStore.Secret, Encoding.ASCII.GetBytes($"{header}.{claims}")));
        return $"{header}.{claims}.{signature}";

        static string B64Url(byte[] data) => System.Buffers.Text.Base64Url.EncodeToString(data);
    }

    /// <summary>The test key, requiring signed requests.</summary>
    private sealed class SigningKeyStore : IApiKeyStore
    {
        public static readonly byte[] Secret = "mgs_a-test-signing-secret-of-some-length"u8.ToArray();

        public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(presentedKey == FilterApiFactory.Key ? new ApiKey("key_signed", 0) { RequireSignature = true, SigningKey = Secret } : null);
    }
}
