using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FilterApi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FilterApi.Tests;

/// <summary>Callbacks against hostile receivers, poisoned jobs and greedy clients.</summary>
public class CallbackHardeningTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AReceiverAnsweringWithAnEndlessBodyIsJudgedByItsStatusAndTheJobIsDone()
    {
        await using var receiver = await CallbackReceiver.StartAsync(endlessAnswer: true);
        using var api = new FilterApiFactory(new() { ["Filter:Callbacks:Timeout"] = "00:00:02", ["Filter:Callbacks:MaxAttempts"] = "1" });
        using var client = api.CreateAuthorizedClient();

        Assert.Equal(2020, (await client.PostFilterAsync(new { text = "fuck", mode = "FILTER", callbackUrl = receiver.Url })).Code());
        await receiver.NextAsync(Patience);

        // Delivered, not timed out waiting for a body that never ends: the job leaves the spool, not for dead/.
        await WaitUntilAsync(() => Directory.GetFiles(api.PendingDirectory, "*.json").Length == 0);
        Assert.False(Directory.Exists(Path.Combine(api.PendingDirectory, "dead")), "the delivery was counted as failed");
    }

    [Fact]
    public async Task AttemptsAreCountedInTheSpoolSoARestartDoesNotStartAJobOver()
    {
        var spool = Path.Combine(Path.GetTempPath(), "filterapi-tests", Guid.NewGuid().ToString("N"));
        var pending = Path.Combine(spool, FilterApiFactory.ReplicaName);
        var port = CallbackReceiver.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Filter:Callbacks:SpoolDirectory"] = spool,
            ["Filter:Callbacks:MaxAttempts"] = "2",
            ["Filter:Callbacks:InitialBackoff"] = "00:10:00",
        };
        using (var first = new FilterApiFactory(settings))
        using (var client = first.CreateAuthorizedClient())
        {
            // Nobody listens: the first attempt fails and the next one is ten minutes away.
            Assert.Equal(2020, (await client.PostFilterAsync(new { text = "fuck", mode = "FILTER", callbackUrl = $"http://127.0.0.1:{port}/results" })).Code());
            await WaitUntilAsync(() => File.ReadAllText(Directory.GetFiles(pending, "*.json").Single()).Contains("\"attempts\":1", StringComparison.Ordinal));
        }

        // The next run allows one attempt in all: the job has had it, so it is given up, not tried again.
        await using var receiver = await CallbackReceiver.StartAsync(port);
        settings["Filter:Callbacks:MaxAttempts"] = "1";
        using var second = new FilterApiFactory(settings);
        _ = second.Services;
        await WaitUntilAsync(() => Directory.GetFiles(pending, "*.json").Length == 0);
        Assert.Single(Directory.GetFiles(Path.Combine(pending, "dead"), "*.json"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiver.NextAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // POSIX file modes
    public async Task TheSpoolHoldsNoTextTheClientSent()
    {
        using var api = new FilterApiFactory(new() { ["Filter:Callbacks:InitialBackoff"] = "00:10:00" });
        using var client = api.CreateAuthorizedClient();

        const string Text = "zebra-crossing 4417 is where my fucking neighbour parks";
        foreach (var mode in new[] { "QUICK", "NORMAL", "FILTER" })
        {
            var accepted = await client.PostFilterAsync(new { text = Text, mode, callbackUrl = $"http://127.0.0.1:{CallbackReceiver.FreePort()}/results" });
            Assert.Equal(2020, accepted.Code());
        }

        var spooled = string.Concat(Directory.GetFiles(api.PendingDirectory, "*.json").Select(File.ReadAllText));
        Assert.DoesNotContain("zebra", spooled, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", spooled, StringComparison.Ordinal);
        Assert.DoesNotContain("fucking", spooled, StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(api.PendingDirectory, "*.json"), file =>
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task OneKeysDeadReceiverCannotTakeEveryPlaceInTheQueue()
    {
        const string OtherKey = "other-key-0123456789";
        using var api = new FilterApiFactory(new()
        {
            ["Auth:ApiKeys:1"] = OtherKey,
            ["Filter:Callbacks:MaxPendingPerKey"] = "1",
            ["Filter:Callbacks:InitialBackoff"] = "00:10:00",
        });
        using var client = api.CreateAuthorizedClient();
        var deadUrl = $"http://127.0.0.1:{CallbackReceiver.FreePort()}/results";

        Assert.Equal(2020, (await client.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = deadUrl })).Code());
        var refused = await client.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = deadUrl });
        Assert.Equal(4290, refused.Code());
        Assert.Contains("this key's callback quota is full", refused.Detail(), StringComparison.Ordinal);

        using var other = api.CreateClient();
        other.DefaultRequestHeaders.Add("x-api-key", OtherKey);
        Assert.Equal(2020, (await other.PostFilterAsync(new { text = "hello", mode = "QUICK", callbackUrl = deadUrl })).Code());
    }

    [Fact]
    public async Task ResultsAreSignedWithTheKeysSecretAndATimestampTheReceiverCanVerify()
    {
        var secret = Encoding.UTF8.GetBytes("the-key's-signing-secret");
        await using var receiver = await CallbackReceiver.StartAsync();
        using var api = new FilterApiFactory(replaceServices: services => services.AddSingleton<IApiKeyStore>(new OneKeyStore(secret)));
        using var client = api.CreateAuthorizedClient();

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(2020, (await client.PostFilterAsync(new { text = "fuck", mode = "FILTER", callbackUrl = receiver.Url })).Code());
        var (signature, body) = await receiver.NextRawAsync(Patience);

        // What the README's verification snippet does: t=…,v1=HMAC-SHA256(secret, "t." + body).
        Assert.NotNull(signature);
        var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        byte[] signed = [.. Encoding.ASCII.GetBytes($"{parts["t"]}."), .. body];
        var expected = HMACSHA256.HashData(secret, signed);
        Assert.Equal(Convert.ToHexStringLower(expected), parts["v1"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in time");
            await Task.Delay(100);
        }
    }

    /// <summary>The test key, with a signing secret as keys issued through the admin API have.</summary>
    private sealed class OneKeyStore(byte[] secret) : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(presentedKey == FilterApiFactory.Key ? new ApiKey("signed-key", 0) { SigningKey = secret } : null);
    }
}
