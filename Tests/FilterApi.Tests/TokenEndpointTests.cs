using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FilterApi.Tests;

/// <summary>
/// <c>POST /token</c> with a database that is configured but never answers: what these tests check is decided before
/// the database is asked, and an attempt that gets that far is answered 503 ("still initialising").
/// </summary>
public class TokenEndpointTests
{
    [Fact]
    public async Task MalformedUserNamesAreRefusedBeforeTheySpendAnyLoginAttempt()
    {
        using var api = Api(new() { ["Admin:LoginAttemptsPerMinutePerAddress"] = "1" });
        using var client = api.CreateClient();

        foreach (var username in new[] { "ádmin", "admin\u0000", new string('a', 65), "ad min", "admin;--" })
        {
            var refused = await LogInAsync(client, username, "guess-guess");
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (refused.Status, refused.Title));
        }

        // The address's one attempt is still there: none of the above took it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, "admin", "guess-guess")).Status);
    }

    [Fact]
    public async Task AccentedSpellingsOfAUserNameGetNoGuessesOfTheirOwn()
    {
        using var api = Api(new() { ["Admin:LoginAttemptsPerMinute"] = "2" });
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, "admin", "guess-1")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, "admin", "guess-2")).Status);

        // "ádmin" found the row of "admin" under MariaDB's default collation, with a limit bucket of its own.
        Assert.Equal(HttpStatusCode.BadRequest, (await LogInAsync(client, "ádmin", "guess-3")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await LogInAsync(client, "ÁDMİN", "guess-4")).Status);
        var limited = await LogInAsync(client, "admin", "guess-5");
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_attempts"), (limited.Status, limited.Title));
    }

    [Fact]
    public async Task OversizedLoginBodiesAreRefusedWithoutBeingParsed()
    {
        using var api = Api();
        using var client = api.CreateClient();

        var refused = await LogInAsync(client, "admin", new string('p', 100_000));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (refused.Status, refused.Title));
        Assert.Contains("4096 bytes", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyUrlEncodedFormsAreRead()
    {
        using var api = Api();
        using var client = api.CreateClient();
        using var multipart = new MultipartFormDataContent { { new StringContent("admin"), "username" }, { new StringContent("guess-guess"), "password" } };

        using var response = await client.PostAsync("/token", multipart);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OneAddressIsLimitedWhateverUserNamesItTries()
    {
        using var api = Api(new() { ["Admin:LoginAttemptsPerMinutePerAddress"] = "3" });
        using var client = api.CreateClient();

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, $"operator{i}", "guess-guess")).Status);
        }

        var limited = await LogInAsync(client, "operator4", "guess-guess");
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_attempts"), (limited.Status, limited.Title));
        Assert.True(limited.RetryAfter >= TimeSpan.FromSeconds(1), "Retry-After must say how long to wait");
    }

    [Fact]
    public async Task LoginAttemptsFromEveryoneTogetherAreLimited()
    {
        using var api = Api(new() { ["Admin:LoginAttemptsPerMinutePerAddress"] = "1000", ["Admin:LoginAttemptsPerMinuteTotal"] = "2" });
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, "operator1", "guess-guess")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LogInAsync(client, "operator2", "guess-guess")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LogInAsync(client, "operator3", "guess-guess")).Status);
    }

    [Fact]
    public async Task LoginLimitsAreValidatedAtStartUp()
    {
        using var api = Api(new() { ["Admin:LoginAttemptsPerMinuteTotal"] = "0" });
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("LoginAttemptsPerMinuteTotal", error.ToString(), StringComparison.Ordinal);
    }

    private static FilterApiFactory Api(Dictionary<string, string?>? overrides = null)
    {
        // Nothing listens on port 9 of loopback: the database stays "initialising" for as long as the test runs.
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:filterdb"] = "Server=127.0.0.1;Port=9;Database=filterdb;User ID=test;Password=test;Connect Timeout=1",
            ["Admin:Password"] = "a-test-password",
        };
        foreach (var (name, value) in overrides ?? [])
        {
            settings[name] = value;
        }

        return new FilterApiFactory(settings);
    }

    private static async Task<Answer> LogInAsync(HttpClient client, string username, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
        using var response = await client.PostAsync("/token", form);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Answer(
            response.StatusCode,
            problem.TryGetProperty("title", out var title) ? title.GetString() : null,
            problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "",
            response.Headers.RetryAfter?.Delta);
    }

    private sealed record Answer(HttpStatusCode Status, string? Title, string Detail, TimeSpan? RetryAfter);
}
