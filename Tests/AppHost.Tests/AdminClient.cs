using System.Net.Http.Json;
using System.Text.Json;

namespace AppHost.Tests;

/// <summary>The operator's two steps before any client call: log in, issue a key.</summary>
internal static class AdminClient
{
    private static readonly string[] Scopes = ["filter", "analyze"];

    public static async Task<string> LoginAsync(HttpClient client, string adminPassword)
    {
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = adminPassword }));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public static async Task<string> IssueKeyAsync(HttpClient client, string adminPassword) =>
        await IssueKeyWithTokenAsync(client, await LoginAsync(client, adminPassword));

    /// <summary>A new filter+analyze key, issued with an admin <paramref name="token"/> from <see cref="LoginAsync"/>.</summary>
    public static async Task<string> IssueKeyWithTokenAsync(HttpClient client, string token)
    {
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/keys")
        {
            Content = JsonContent.Create(new { name = "apphost-tests", ownerEmail = "ops@example.com", scopes = Scopes }),
        };
        issue.Headers.Authorization = new("Bearer", token);
        using var issued = await client.SendAsync(issue);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
