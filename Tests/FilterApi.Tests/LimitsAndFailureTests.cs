using System.Net.Http.Json;
using FilterApi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

public class LimitsAndFailureTests
{
    [Fact]
    public async Task RequestsOverTheKeysLimitGetTooManyRequestsWithRetryAfter()
    {
        using var api = new FilterApiFactory(new() { ["Auth:DefaultRequestsPerMinute"] = "3" });
        using var client = api.CreateAuthorizedClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2000, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK" })).Code());
        }

        using var response = await client.PostAsJsonAsync("/api/v1/filter", new { text = "hello", mode = "QUICK" });
        var body = await FilterResponses.ReadAsync(response);
        Assert.Equal(4290, body.Code());
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After must say how long to wait");
    }

    [Fact]
    public async Task ACallbackThatCannotBePersistedIsAnInternalErrorAndTheApiStaysUp()
    {
        // The spool directory cannot be created under a regular file: nothing accepted may then be promised.
        var file = Path.GetTempFileName();
        using var api = new FilterApiFactory(new() { ["Filter:Callbacks:SpoolDirectory"] = Path.Combine(file, "spool") });
        using var client = api.CreateAuthorizedClient();

        var failed = await client.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = "http://127.0.0.1:9/x" });
        Assert.Equal(5000, failed.Code());

        var next = await client.PostFilterAsync(new { text = "hello", mode = "QUICK" });
        Assert.Equal(2000, next.Code());
    }

    [Fact]
    public async Task UnexpectedExceptionIsAnInternalErrorInTheBodyNotAnHttp500()
    {
        // Stands in for the database-backed key store a later issue adds, failing the way a driver would.
        using var api = new FilterApiFactory(replaceServices: services => services.AddSingleton<IApiKeyStore, FailingKeyStore>());
        using var client = api.CreateAuthorizedClient();

        var body = await client.PostFilterAsync(new { text = "hello", mode = "QUICK" });

        Assert.Equal(5000, body.Code());
        Assert.True(Guid.TryParse(body.GetProperty("trackingId").GetString(), out _), "the trackingId finds the logged exception");
        Assert.DoesNotContain("key store is down", body.GetRawText(), StringComparison.Ordinal); // internals stay in the log
    }

    [Fact]
    public async Task NoConfiguredKeysRefusesEveryRequest()
    {
        using var api = new FilterApiFactory(new() { ["Auth:ApiKeys:0"] = null });
        using var client = api.CreateAuthorizedClient();
        Assert.Equal(4010, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK" })).Code());
    }

    private sealed class FailingKeyStore : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("key store is down");
    }
}
