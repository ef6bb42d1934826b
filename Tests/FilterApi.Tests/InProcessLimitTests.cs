using FilterApi.Auth;

namespace FilterApi.Tests;

/// <summary>The in-process limiter holds buckets named after clients (addresses, user names): they must not pile up.</summary>
public class InProcessLimitTests
{
    [Fact]
    public void LimiterBucketsUnusedForAWholeWindowAreForgotten()
    {
        var time = new ManualTime();
        using var limiter = new InProcessRateLimiter(time);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.TryAcquire($"login-address:10.0.0.{i}", 5));
        }

        time.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(limiter.TryAcquire("busy", 1));
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotNull(limiter.TryAcquire("busy", 1)); // also sweeps: the hundred are idle for 70 s, "busy" for 20 s

        Assert.Equal(1, limiter.Count);
    }
}
