using System.Net.Http.Json;

namespace Integration.Tests;

/// <summary>Every way a request can fail authentication gets its documented code (HTTP 200, never a 5xx).</summary>
[Collection(GatewayTests.Name)]
public sealed class AuthMatrixTests(GatewayFixture gateway)
{
    private const string Text = "f.u.c.k";

    [Fact]
    public async Task NoKeyIsUnauthorized()
    {
        var answer = await gateway.First.FilterAsync(key: null, Text);
        Assert.Equal(4010, answer.Code);
        Assert.Contains("missing API key", answer.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("mgk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // the right shape, a wrong checksum
    public async Task UnknownKeyIsUnauthorized(string key)
    {
        var answer = await gateway.First.FilterAsync(key, Text);
        Assert.Equal(4010, answer.Code);
        Assert.Equal("unknown API key", answer.Detail);
    }

    [Fact]
    public async Task ValidKeyIsServed()
    {
        var key = await gateway.First.IssueKeyAsync();
        var answer = await gateway.Second.FilterAsync(key.Key, Text);
        Assert.Equal(2000, answer.Code);
        Assert.Contains("fuck", answer.Detected);
    }

    [Fact]
    public async Task RevokedKeyIsForbidden()
    {
        var key = await gateway.First.IssueKeyAsync();
        Assert.Equal(2000, (await gateway.First.FilterAsync(key.Key, Text)).Code);

        using var revoked = await gateway.First.AdminAsync(HttpMethod.Post, $"/api/v1/admin/keys/{key.Id}/revoke");
        revoked.EnsureSuccessStatusCode();

        var answer = await gateway.First.FilterAsync(key.Key, Text);
        Assert.Equal(4030, answer.Code);
        Assert.Equal("API key was revoked", answer.Detail);
    }

    [Fact]
    public async Task ExpiredKeyIsForbidden()
    {
        var key = await gateway.First.IssueKeyAsync();
        Assert.Equal(2000, (await gateway.First.FilterAsync(key.Key, Text)).Code);

        using var expired = await gateway.First.AdminAsync(HttpMethod.Patch, $"/api/v1/admin/keys/{key.Id}", new { expiresAt = DateTime.UtcNow.AddMinutes(-1) });
        expired.EnsureSuccessStatusCode();
        Assert.Equal("EXPIRED", (await expired.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());

        var answer = await gateway.First.FilterAsync(key.Key, Text);
        Assert.Equal(4030, answer.Code);
        Assert.Equal("API key has expired", answer.Detail);
    }

    [Fact]
    public async Task KeyWithoutTheFilterScopeIsForbidden()
    {
        var key = await gateway.First.IssueKeyAsync(scopes: ["analyze", "predict"]);
        var answer = await gateway.First.FilterAsync(key.Key, Text);
        Assert.Equal(4030, answer.Code);
        Assert.Equal("API key lacks the 'filter' scope", answer.Detail);
    }

    [Fact]
    public async Task SignedKeyWithoutTokenIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var answer = await gateway.First.FilterAsync(key.Key, Text);
        Assert.Equal(4010, answer.Code);
        Assert.Contains("missing X-Auth-Token", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidSignedRequestIsServedByEitherReplica()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);

        Assert.Equal(2000, (await gateway.First.FilterAsync(key.Key, Text, SignedToken.Create(key.Secret, body), body)).Code);
        Assert.Equal(2000, (await gateway.Second.FilterAsync(key.Key, Text, SignedToken.Create(key.Secret, body), body)).Code);
    }

    [Fact]
    public async Task TamperedBodyIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var signed = Gateway.Body(Text);
        var tampered = Gateway.Body("a harmless text");

        var answer = await gateway.First.FilterAsync(key.Key, Text, SignedToken.Create(key.Secret, signed), tampered);
        Assert.Equal(4010, answer.Code);
        Assert.Equal("body_sha256 does not match the request body", answer.Detail);
    }

    [Fact]
    public async Task WrongSecretIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var other = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);

        var answer = await gateway.First.FilterAsync(key.Key, Text, SignedToken.Create(other.Secret, body), body);
        Assert.Equal(4010, answer.Code);
        Assert.Equal("X-Auth-Token signature is invalid", answer.Detail);
    }

    [Fact]
    public async Task UnsignedTokenIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);

        var answer = await gateway.First.FilterAsync(key.Key, Text, SignedToken.Create(key.Secret, body, algorithm: "none"), body);
        Assert.Equal(4010, answer.Code);
    }

    [Fact]
    public async Task ExpiredTokenIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);
        var token = SignedToken.Create(key.Secret, body, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(4));

        var answer = await gateway.First.FilterAsync(key.Key, Text, token, body);
        Assert.Equal(4010, answer.Code);
        Assert.Equal("X-Auth-Token has expired", answer.Detail);
    }

    [Fact]
    public async Task TokenLivingLongerThanFiveMinutesIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);

        var answer = await gateway.First.FilterAsync(key.Key, Text, SignedToken.Create(key.Secret, body, lifetime: TimeSpan.FromHours(1)), body);
        Assert.Equal(4010, answer.Code);
        Assert.Contains("exp must be at most 300 s after iat", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedTokenIsUnauthorizedOnEveryReplica()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var body = Gateway.Body(Text);
        var token = SignedToken.Create(key.Secret, body);

        Assert.Equal(2000, (await gateway.First.FilterAsync(key.Key, Text, token, body)).Code);
        var again = await gateway.First.FilterAsync(key.Key, Text, token, body);
        var elsewhere = await gateway.Second.FilterAsync(key.Key, Text, token, body);

        Assert.Equal((4010, "X-Auth-Token was already used (jti replay)"), (again.Code, again.Detail));
        Assert.Equal((4010, "X-Auth-Token was already used (jti replay)"), (elsewhere.Code, elsewhere.Detail));
    }

    [Fact]
    public async Task GarbageTokenIsUnauthorized()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        var answer = await gateway.First.FilterAsync(key.Key, Text, "not.a.jwt");
        Assert.Equal(4010, answer.Code);
    }
}
