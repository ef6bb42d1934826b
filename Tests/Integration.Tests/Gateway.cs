using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppHost.Tests;

namespace Integration.Tests;

/// <summary>A key as the admin API issued it.</summary>
internal sealed record IssuedKey(string Id, string Key, string Secret);

/// <summary>What a client and an operator do against one FilterApi replica, over real HTTP.</summary>
internal sealed class Gateway(TestGraph graph, string replica) : IDisposable
{
    private readonly HttpClient _http = graph.CreateHttpClient(replica);
    private string? _adminToken;

    public HttpClient Http => _http;

    public async Task<string> LoginAsync()
    {
        using var response = await _http.PostAsync("/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "admin", ["password"] = graph.AdminPassword }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        _adminToken ??= await LoginAsync();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request);
    }

    public async Task<IssuedKey> IssueKeyAsync(
        string name = "test", string[]? scopes = null, bool requireSignature = false, int rateLimitPerMinute = 0)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/api/v1/admin/keys",
            new { name, ownerEmail = "ops@example.com", scopes, requireSignature, rateLimitPerMinute });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new IssuedKey(issued.GetProperty("id").GetString()!, issued.GetProperty("key").GetString()!, issued.GetProperty("secret").GetString()!);
    }

    /// <summary>POSTs a filter request; the HTTP status must be 200 whatever the outcome (never a 5xx).</summary>
    public async Task<FilterAnswer> FilterAsync(string? key, string text, string? authToken = null, byte[]? rawBody = null)
    {
        var body = rawBody ?? Body(text);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (authToken is not null)
        {
            request.Headers.Add("X-Auth-Token", authToken);
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var status = json.GetProperty("status");
        return new FilterAnswer(
            status.GetProperty("code").GetInt32(),
            status.GetProperty("detailDescription").GetString()!,
            [.. json.GetProperty("detected").EnumerateArray().Select(d => d.GetProperty("filteredWord").GetString()!)],
            response.Headers.RetryAfter?.Delta);
    }

    public static byte[] Body(string text) => JsonSerializer.SerializeToUtf8Bytes(new { text, mode = "NORMAL" });

    /// <summary>POSTs <c>{"text"}</c> to an ML-tier endpoint (<c>/api/v1/analyze/chat</c>, <c>/api/v1/predict</c>…).</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> AnalyzeAsync(string key, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-api-key", key);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>POSTs a file to <c>/api/v1/detect/document</c> as the multipart part <c>file</c>.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> ScanDocumentAsync(string key, byte[] file, string name, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/detect/document") { Content = form };
        request.Headers.Add("x-api-key", key);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>/health as an operator sees it: anonymous callers get each check's status but not its description or data.</summary>
    public async Task<JsonElement> HealthAsync()
    {
        _adminToken ??= await LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await _http.SendAsync(request); // 503 while a dependency is unhealthy; the body says which
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record FilterAnswer(int Code, string Detail, IReadOnlyList<string> Detected, TimeSpan? RetryAfter);

/// <summary>
/// Builds <c>X-Auth-Token</c> the way a client does (the README's C# snippet): HS256 over the key's secret, with
/// the hex SHA-256 of the body. Every claim can be bent, to prove the server refuses the bent ones.
/// </summary>
internal static class SignedToken
{
    public static string Create(string secret, byte[] body, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null, string? jti = null,
        string algorithm = "HS256", string? bodyHash = null)
    {
        var iat = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = algorithm, typ = "JWT" }));
        var claims = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["body_sha256"] = bodyHash ?? Convert.ToHexStringLower(SHA256.HashData(body)),
            ["iat"] = iat,
            ["exp"] = iat + (long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds,
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
        }));
        var signature = algorithm == "none"
            ? ""
            : Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{claims}")));
        return $"{header}.{claims}.{signature}";
    }

    private static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
