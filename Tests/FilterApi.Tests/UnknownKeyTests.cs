using System.Net.Http.Json;
using FilterApi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary>Made-up keys: answered 4010 within a per-address budget, then 4290 without any lookup.</summary>
public class UnknownKeyTests
{
    [Fact]
    public async Task AnAddressSendingMadeUpKeysIsLimitedButItsGoodKeyStillWorks()
    {
        using var api = new FilterApiFactory(new() { ["Auth:UnknownKeysPerMinutePerAddress"] = "3" });
        using var guesser = api.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(4010, (await PostWithKeyAsync(guesser, $"made-up-{i}")).Code());
        }

        using var limited = await SendWithKeyAsync(guesser, "made-up-3");
        Assert.Equal(4290, (await FilterResponses.ReadAsync(limited)).Code());
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After must say how long to wait");

        using var client = api.CreateAuthorizedClient();
        Assert.Equal(2000, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK" })).Code());
    }

    [Fact]
    public async Task MadeUpKeysFromALimitedAddressCostNoLookup()
    {
        var store = new CountingKeyStore();
        using var api = new FilterApiFactory(
            new() { ["Auth:UnknownKeysPerMinutePerAddress"] = "2" },
            services => services.AddSingleton<IApiKeyStore>(store));
        using var client = api.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            await PostWithKeyAsync(client, $"made-up-{i}");
        }

        // The two within the budget and the one that found it spent; the other seventeen looked in the caches only.
        Assert.Equal((3, 17), (store.Lookups, store.CachedLookups));
    }

    private static async Task<System.Text.Json.JsonElement> PostWithKeyAsync(HttpClient client, string key)
    {
        using var response = await SendWithKeyAsync(client, key);
        return await FilterResponses.ReadAsync(response);
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = JsonContent.Create(new { text = "hello", mode = "QUICK" }) };
        request.Headers.Add("x-api-key", key);
        return client.SendAsync(request);
    }

    /// <summary>Knows only the test key; counts the lookups that could reach a database.</summary>
    private sealed class CountingKeyStore : IApiKeyStore
    {
        private int _lookups;
        private int _cachedLookups;

        public int Lookups => Volatile.Read(ref _lookups);

        public int CachedLookups => Volatile.Read(ref _cachedLookups);

        public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            return Find(presentedKey);
        }

        public ValueTask<ApiKey?> FindCachedAsync(string presentedKey, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _cachedLookups);
            return Find(presentedKey);
        }

        private static ValueTask<ApiKey?> Find(string presentedKey) =>
            ValueTask.FromResult(presentedKey == FilterApiFactory.Key ? new ApiKey("key_test", 0) : null);
    }
}
