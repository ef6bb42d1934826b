using System.Text.Json;
using AppHost.Tests;
using StackExchange.Redis;

namespace Integration.Tests;

/// <summary>Redis taken away under load and brought back: answers keep coming, degraded and saying so, then recover.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task RequestsAreAnsweredWhileRedisIsDownAndSharedLimitsResumeWhenItIsBack()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        using var gateway = new Gateway(graph, "filterapi");
        var key = await gateway.IssueKeyAsync(rateLimitPerMinute: 1000);
        var signed = await gateway.IssueKeyAsync(requireSignature: true);
        var limited = await gateway.IssueKeyAsync(rateLimitPerMinute: 5);
        var pid = graph.ProcessIdOf("filterapi");
        Assert.Equal(2000, (await gateway.FilterAsync(key.Key, "시1발")).Code);

        await graph.StopResourceAsync("redis");

        // Every request is still answered, rate limited in-process; signed requests still verified.
        for (var i = 0; i < 20; i++)
        {
            var answer = await gateway.FilterAsync(key.Key, "시1발");
            Assert.Equal(2000, answer.Code);
            Assert.Contains("시발", answer.Detected);
        }

        // Limits still hold, per replica: never fail open.
        var limitedAnswers = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            limitedAnswers.Add((await gateway.FilterAsync(limited.Key, "hello")).Code);
        }

        Assert.Equal([2000, 2000, 2000, 2000, 2000, 4290], limitedAnswers);

        var body = Gateway.Body("hello");
        var token = SignedToken.Create(signed.Secret, body);
        Assert.Equal(2000, (await gateway.FilterAsync(signed.Key, "hello", token, body)).Code);
        Assert.Equal(4010, (await gateway.FilterAsync(signed.Key, "hello", token, body)).Code); // replay refused by this replica

        var degraded = await gateway.HealthAsync();
        Assert.Equal("Unhealthy", Check(degraded, "redis"));
        Assert.Equal("Degraded", Check(degraded, "redis-fallback"));
        Assert.Contains("rate-limits", degraded.GetProperty("checks").GetProperty("redis-fallback").GetProperty("description").GetString(), StringComparison.Ordinal);

        await graph.StartResourceAsync("redis");

        // Back to normal without a restart: the limiter uses Redis again and /health says so.
        var recovered = false;
        var health = default(JsonElement);
        for (var attempt = 0; attempt < 300 && !recovered; attempt++)
        {
            Assert.Equal(2000, (await gateway.FilterAsync(key.Key, "hello")).Code);
            health = await gateway.HealthAsync();
            recovered = Check(health, "redis") == "Healthy" && Check(health, "redis-fallback") == "Healthy";
            await Task.Delay(100);
        }

        Assert.True(recovered, $"FilterApi did not return to Redis-backed rate limits: {health}");
        Assert.Equal(pid, graph.ProcessIdOf("filterapi"));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await graph.GetConnectionStringAsync("redis"));
        Assert.True(await redis.GetDatabase().SortedSetLengthAsync($"ratelimit:{{key:{key.Id}}}") > 0, "no rate limit window in Redis after recovery");
    }

    private static string? Check(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
}
