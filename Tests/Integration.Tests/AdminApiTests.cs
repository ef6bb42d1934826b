using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Tests;

/// <summary>The admin API: operator login, key management, validation and the audit log.</summary>
[Collection(GatewayTests.Name)]
public sealed class AdminApiTests(GatewayFixture gateway)
{
    private static readonly string[] UnknownScope = ["filter", "everything"];
    private static readonly string[] AnalyzeOnly = ["analyze"];
    private static readonly string[] NotALabel = ["NAME"];
    private static readonly string[] LowerCaseEmail = ["email"];

    [Fact]
    public async Task WrongPasswordIsRefused()
    {
        using var response = await gateway.First.Http.PostAsync("/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "admin", ["password"] = "wrong-password" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoutesNeedAToken()
    {
        using var anonymous = await gateway.First.Http.GetAsync("/api/v1/admin/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // An API key is no admin token.
        var key = await gateway.First.IssueKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/keys");
        request.Headers.Authorization = new("Bearer", key.Key);
        using var withApiKey = await gateway.First.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, withApiKey.StatusCode);
    }

    [Fact]
    public async Task ATokenFromOneReplicaIsAcceptedByTheOther()
    {
        var token = await gateway.First.LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/keys");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await gateway.Second.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InvalidKeyRequestsAreValidationProblems()
    {
        using var response = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/keys",
            new { name = "", ownerEmail = "not-an-email", scopes = UnknownScope, rateLimitPerMinute = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "ownerEmail", "scopes", "rateLimitPerMinute" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
    }

    [Fact]
    public async Task AKeysChatGuardDefaultsAreValidatedStoredAndChanged()
    {
        using var invalid = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/keys", new
        {
            name = "guard",
            ownerEmail = "ops@example.com",
            guard = new { type = "sideways", api = "oracle", excludeLabels = NotALabel, failureMode = "maybe" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "guard.type", "guard.api", "guard.excludeLabels", "guard.failureMode" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        using var issued = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/keys", new
        {
            name = "guard",
            ownerEmail = "ops@example.com",
            guard = new { type = "INPUT", excludeLabels = LowerCaseEmail, failureMode = "closed" },
        });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var details = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details");
        var id = details.GetProperty("id").GetString();
        Assert.Equal("input", details.GetProperty("guard").GetProperty("type").GetString());
        Assert.Equal(["EMAIL"], details.GetProperty("guard").GetProperty("excludeLabels").EnumerateArray().Select(l => l.GetString()));

        using var changed = await gateway.First.AdminAsync(HttpMethod.Patch, $"/api/v1/admin/keys/{id}", new { guard = new { api = "identifier", details = false } });
        changed.EnsureSuccessStatusCode();
        using var shown = await gateway.Second.AdminAsync(HttpMethod.Get, $"/api/v1/admin/keys/{id}");
        var guard = (await shown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guard");
        Assert.Equal("identifier", guard.GetProperty("api").GetString());
        Assert.False(guard.GetProperty("details").GetBoolean());
        Assert.Equal(JsonValueKind.Null, guard.GetProperty("type").ValueKind); // replaced as a whole, not merged
    }

    [Fact]
    public async Task KeysAreListedSearchedShownUpdatedAndAudited()
    {
        var name = $"search-me-{Guid.NewGuid():N}";
        var key = await gateway.First.IssueKeyAsync(name: name);

        using var list = await gateway.First.AdminAsync(HttpMethod.Get, $"/api/v1/admin/keys?search={name}&page=1&pageSize=5");
        var page = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var listed = page.GetProperty("items")[0];
        Assert.Equal(key.Id, listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(key.Key, listed.GetRawText(), StringComparison.Ordinal);

        using var updated = await gateway.Second.AdminAsync(HttpMethod.Patch, $"/api/v1/admin/keys/{key.Id}", new { scopes = AnalyzeOnly, rateLimitPerMinute = 5 });
        var view = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AnalyzeOnly, view.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(5, view.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.Equal(4030, (await gateway.First.FilterAsync(key.Key, "hello")).Code); // the new scopes hold at once

        using var missing = await gateway.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/keys/key_doesnotexist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var audit = await gateway.First.AdminAsync(HttpMethod.Get, "/api/v1/admin/audit?action=key.updated&pageSize=100");
        var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("target").GetString() == key.Id && e.GetProperty("actor").GetString() == "admin");
    }

    [Fact]
    public async Task InvalidLexiconOverridesAreValidationProblems()
    {
        using var response = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/lexicon",
            new { lang = "fr", word = "", category = "rude", severity = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "lang", "word", "category", "severity" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        using var notBuiltIn = await gateway.First.AdminAsync(HttpMethod.Post, "/api/v1/admin/lexicon", new { lang = "en", word = "teapot", action = "remove" });
        Assert.Equal(HttpStatusCode.BadRequest, notBuiltIn.StatusCode);
    }

    [Fact]
    public async Task AdminRoutesAreInTheOpenApiDocument()
    {
        var document = await gateway.First.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/token", "/api/v1/admin/keys", "/api/v1/admin/keys/{id}", "/api/v1/admin/keys/{id}/revoke", "/api/v1/admin/lexicon", "/api/v1/admin/audit",
            "/api/v1/admin/stats/overview", "/api/v1/admin/stats/timeseries", "/api/v1/admin/stats/words", "/api/v1/admin/stats/totals", "/api/v1/admin/stats/keys/{id}", "/api/v1/admin/deadletters",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("AdminBearer").GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/api/v1/admin/keys").GetProperty("post").TryGetProperty("security", out _), "admin operations do not say they need the bearer token");
        Assert.True(paths.GetProperty("/token").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out _));
    }
}
