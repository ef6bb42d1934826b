using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary>How delivery behaves when receivers are down: nobody else waits, and nothing piles up without bound.</summary>
public class CallbackDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DeadReceiverDoesNotHoldUpDeliveryToLiveOnes()
    {
        await using var live = await CallbackReceiver.StartAsync();
        using var api = new FilterApiFactory(new()
        {
            ["Filter:Callbacks:MaxConcurrentDeliveries"] = "1",
            ["Filter:Callbacks:InitialBackoff"] = "00:10:00", // far longer than the test's patience
        });
        using var client = api.CreateAuthorizedClient();

        var dead = await client.PostFilterAsync(new { text = "fuck", mode = "FILTER", callbackUrl = $"http://127.0.0.1:{CallbackReceiver.FreePort()}/results" });
        var accepted = await client.PostFilterAsync(new { text = "shit", mode = "FILTER", callbackUrl = live.Url });
        Assert.Equal(2020, dead.Code());
        Assert.Equal(2020, accepted.Code());

        var result = await live.NextAsync(Patience);
        Assert.Equal(accepted.GetProperty("trackingId").GetString(), result.GetProperty("trackingId").GetString());
    }

    [Fact]
    public async Task FullCallbackQueueIsTooManyRequestsWithRetryAfter()
    {
        using var api = new FilterApiFactory(new()
        {
            ["Filter:Callbacks:QueueCapacity"] = "1",
            ["Filter:Callbacks:InitialBackoff"] = "00:10:00",
        });
        using var client = api.CreateAuthorizedClient();
        var deadUrl = $"http://127.0.0.1:{CallbackReceiver.FreePort()}/results";

        Assert.Equal(2020, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = deadUrl })).Code());
        using var response = await client.PostAsJsonAsync("/api/v1/filter", new { text = "hello", mode = "QUICK", callbackUrl = deadUrl });
        var refused = await FilterResponses.ReadAsync(response);

        Assert.Equal(4290, refused.Code());
        Assert.Contains("callback queue is full", refused.Detail(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After must say how long to wait");
        Assert.Single(Directory.GetFiles(api.PendingDirectory, "*.json")); // the refused job was never promised
        Assert.Equal(2000, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK" })).Code());
    }

    [Fact]
    public void CallbackClientSkipsSharedResilienceAndServiceDiscovery()
    {
        using var api = new FilterApiFactory();
        var handlers = api.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = new List<string>();
        for (var handler = handlers.CreateHandler("callbacks"); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler.GetType().FullName!);
        }

        // The dispatcher retries per job itself, and a client's host name is not one of our services.
        Assert.DoesNotContain(chain, name => name.Contains("Resilience", StringComparison.Ordinal));
        Assert.DoesNotContain(chain, name => name.Contains("ServiceDiscovery", StringComparison.Ordinal));
        Assert.Equal(typeof(SocketsHttpHandler).FullName, chain[^1]);
    }
}
