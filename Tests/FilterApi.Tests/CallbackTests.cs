namespace FilterApi.Tests;

public class CallbackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CallbackIsAcceptedAtOnceAndTheFullResultIsPostedLater()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var api = new FilterApiFactory();
        using var client = api.CreateAuthorizedClient();

        var accepted = await client.PostFilterAsync(new { text = "아 진짜 시1발 왜", mode = "FILTER", callbackUrl = receiver.Url });
        Assert.Equal(2020, accepted.Code());
        Assert.Empty(accepted.Detected());

        var result = await receiver.NextAsync(Patience);
        Assert.Equal(accepted.GetProperty("trackingId").GetString(), result.GetProperty("trackingId").GetString());
        Assert.Equal(2000, result.Code());
        Assert.Equal("아 진짜 *** 왜", result.Filtered());
        Assert.Equal("시발", Assert.Single(result.Detected()).GetProperty("filteredWord").GetString());
    }

    [Fact]
    public async Task FailedDeliveriesAreRetriedWithBackoff()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 2);
        using var api = new FilterApiFactory();
        using var client = api.CreateAuthorizedClient();

        var accepted = await client.PostFilterAsync(new { text = "shit", mode = "FILTER", callbackUrl = receiver.Url });

        var result = await receiver.NextAsync(Patience);
        Assert.Equal(accepted.GetProperty("trackingId").GetString(), result.GetProperty("trackingId").GetString());
        Assert.Equal("****", result.Filtered());
    }

    [Fact]
    public async Task AcceptedJobSurvivesARestartAndIsDeliveredByTheNextInstance()
    {
        var port = CallbackReceiver.FreePort();
        var spool = Path.Combine(Path.GetTempPath(), "filterapi-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Filter:Callbacks:SpoolDirectory"] = spool,
            ["Filter:Callbacks:MaxAttempts"] = "100",
            ["Filter:Callbacks:InitialBackoff"] = "00:00:01",
        };

        string trackingId;
        using (var first = new FilterApiFactory(settings))
        using (var client = first.CreateAuthorizedClient())
        {
            // Nobody listens yet: the job cannot be delivered before this instance stops.
            var accepted = await client.PostFilterAsync(new { text = "fuck", mode = "FILTER", callbackUrl = $"http://127.0.0.1:{port}/results" });
            Assert.Equal(2020, accepted.Code());
            trackingId = accepted.GetProperty("trackingId").GetString()!;
            Assert.Single(Directory.GetFiles(Path.Combine(spool, FilterApiFactory.ReplicaName), "*.json"));
        }

        await using var receiver = await CallbackReceiver.StartAsync(port);
        using var second = new FilterApiFactory(settings);
        _ = second.Services; // starts the host, and with it the dispatcher that reads the spool

        var result = await receiver.NextAsync(Patience);
        Assert.Equal(trackingId, result.GetProperty("trackingId").GetString());
        Assert.Equal("****", result.Filtered());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/results")]
    [InlineData("http://localhost/results")]
    [InlineData("http://10.1.2.3/results")]
    [InlineData("http://192.168.0.10/results")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/results")]
    [InlineData("http://[64:ff9b::a01:203]/results")] // NAT64 of 10.1.2.3
    [InlineData("http://192.0.0.8/results")]
    [InlineData("http://198.18.0.1/results")]
    [InlineData("http://240.0.0.1/results")]
    public async Task InternalDestinationsAreRefusedUnlessAllowed(string url)
    {
        using var api = new FilterApiFactory(new() { ["Filter:Callbacks:AllowPrivateNetworks"] = "false" });
        using var client = api.CreateAuthorizedClient();

        var body = await client.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = url });

        Assert.Equal(4000, body.Code());
        Assert.Contains("loopback, private or link-local", body.Detail(), StringComparison.Ordinal);
    }
}
