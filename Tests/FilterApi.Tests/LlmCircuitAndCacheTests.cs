using System.Text.RegularExpressions;
using FilterApi.Llm;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FilterApi.Tests;

/// <summary>The judge's circuit breaker and verdict cache, counted on the server's side.</summary>
public sealed partial class LlmCircuitAndCacheTests : IAsyncLifetime
{
    private FakeOllamaServer _ollama = null!;

    public async Task InitializeAsync() => _ollama = await FakeOllamaServer.StartAsync();

    public async Task DisposeAsync() => await _ollama.DisposeAsync();

    [Fact]
    public async Task AfterRepeatedFailuresTheCircuitOpensAndTheModelIsLeftAloneUntilTheBreakEnds()
    {
        var time = new ManualTime();
        _ollama.Reply = _ => new FakeChatReply.Status(500);
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString(), new()
        {
            ["Llm:BreakAfterFailures"] = "3",
            ["Llm:BreakDuration"] = "00:00:30",
        }, time);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LlmFailure.Unavailable, (await host.Judge.JudgeAsync($"text {i}", CancellationToken.None)).Failure);
        }

        var refused = await host.Judge.JudgeAsync("text 3", CancellationToken.None);
        Assert.Equal(LlmOutcome.Unknown, refused.Outcome);
        Assert.Equal(LlmFailure.CircuitOpen, refused.Failure);
        Assert.Equal(3, _ollama.ChatCalls);

        // Once the break is over, one call tries the server again; it is back, so the circuit closes.
        _ollama.Reply = _ => FakeChatReply.Verdict("safe", 0.01, "Harmless.");
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(LlmOutcome.Safe, (await host.Judge.JudgeAsync("text 4", CancellationToken.None)).Outcome);
        Assert.Equal(LlmOutcome.Safe, (await host.Judge.JudgeAsync("text 5", CancellationToken.None)).Outcome);
        Assert.Equal(5, _ollama.ChatCalls);
    }

    [Fact]
    public async Task MalformedAnswersDoNotOpenTheCircuit()
    {
        _ollama.Reply = _ => new FakeChatReply.Content("not json");
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString(), new() { ["Llm:BreakAfterFailures"] = "2" });

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LlmFailure.Malformed, (await host.Judge.JudgeAsync($"text {i}", CancellationToken.None)).Failure);
        }

        Assert.Equal(4, _ollama.ChatCalls);
    }

    [Fact]
    public async Task TheSameTextTwiceCallsTheModelOnce()
    {
        _ollama.Reply = _ => FakeChatReply.Verdict("unsafe", 0.9, "Profanity.", "profanity");
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());

        var first = await host.Judge.JudgeAsync("what the fuck", CancellationToken.None);
        var second = await host.Judge.JudgeAsync("what the fuck", CancellationToken.None);
        // Width, case and spacing are folded: the same words typed differently are the same text.
        var third = await host.Judge.JudgeAsync(" WHAT  THE ＦＵＣＫ\n", CancellationToken.None);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.True(third.Cached);
        Assert.Equal(first with { Cached = true, Elapsed = default }, second with { Elapsed = default });
        Assert.Equal(1, _ollama.ChatCalls);
    }

    [Fact]
    public async Task ConcurrentRequestsForTheSameTextShareOneModelCall()
    {
        var release = new TaskCompletionSource();
        _ollama.Reply = _ =>
        {
            release.Task.Wait(TimeSpan.FromSeconds(10)); // holds the first call until every request is waiting
            return FakeChatReply.Verdict("unsafe", 0.9, "Spam insult.", "insult");
        };
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());

        var judging = Enumerable.Range(0, 8).Select(_ => host.Judge.JudgeAsync("buy now, you idiot", CancellationToken.None)).ToList();
        await WaitUntilAsync(() => _ollama.ChatCalls >= 1);
        release.SetResult();
        var verdicts = await Task.WhenAll(judging);

        Assert.All(verdicts, verdict => Assert.Equal(LlmOutcome.Unsafe, verdict.Outcome));
        Assert.Equal(1, _ollama.ChatCalls);
    }

    [Fact]
    public async Task AVerdictIsRememberedEvenWhenItsCallerGaveUp()
    {
        _ollama.Reply = _ => new FakeChatReply.Content("""{"verdict":"safe","categories":[],"score":0.05,"reason":"Small talk."}""", TimeSpan.FromMilliseconds(300));
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());
        using var caller = new CancellationTokenSource();

        var abandoned = host.Judge.JudgeAsync("nice weather", caller.Token);
        await WaitUntilAsync(() => _ollama.ChatCalls == 1);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        // The call went on without its caller; the retry finds its verdict (or, a moment early, joins the call).
        await WaitUntilAsync(() => _ollama.LateReplies == 1);
        var retried = await host.Judge.JudgeAsync("nice weather", CancellationToken.None);

        Assert.Equal(LlmOutcome.Safe, retried.Outcome);
        Assert.Equal(1, _ollama.ChatCalls);
    }

    [Fact]
    public async Task AnUnknownVerdictIsNotRemembered()
    {
        var answers = new Queue<FakeChatReply>([new FakeChatReply.Content("garbage"), FakeChatReply.Verdict("safe", 0.1, "Fine.")]);
        _ollama.Reply = _ => answers.Dequeue();
        await using var host = await LlmJudgeHost.StartAsync(_ollama.ConnectionString());

        Assert.Equal(LlmFailure.Malformed, (await host.Judge.JudgeAsync("hello", CancellationToken.None)).Failure);
        Assert.Equal(LlmOutcome.Safe, (await host.Judge.JudgeAsync("hello", CancellationToken.None)).Outcome);
        Assert.Equal(2, _ollama.ChatCalls);
    }

    [Fact]
    public async Task VerdictsAreSharedThroughRedisUnderAHashOfTheTextAndHoldNoText()
    {
        const string text = "You are a worthless idiot";
        await using var redis = await LocalRedis.StartAsync();
        _ollama.Reply = _ => FakeChatReply.Verdict("unsafe", 0.95, "Demeaning insult aimed at the reader.", "insult");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(redis.Port) };

        await using (var replica = await LlmJudgeHost.StartAsync(_ollama.ConnectionString(), settings))
        {
            await WaitUntilAsync(() => replica.Host.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
            Assert.False((await replica.Judge.JudgeAsync(text, CancellationToken.None)).Cached);
        }

        var key = await WaitForOneKeyAsync(redis.Client);

        // Another replica (its own process memory) finds the verdict in Redis.
        await using (var replica = await LlmJudgeHost.StartAsync(_ollama.ConnectionString(), settings))
        {
            // A replica connects to Redis in the background; until then a lookup is a miss (one model call, by design).
            await WaitUntilAsync(() => replica.Host.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
            var verdict = await replica.Judge.JudgeAsync(text, CancellationToken.None);
            Assert.True(verdict.Cached);
            Assert.Equal(LlmOutcome.Unsafe, verdict.Outcome);
            Assert.Equal(["insult"], verdict.Categories);
        }

        Assert.Equal(1, _ollama.ChatCalls);
        Assert.Matches(VerdictKey(), key);
        var value = (await redis.Client.GetDatabase().StringGetAsync(key)).ToString();
        Assert.DoesNotContain("worthless", value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("idiot", value, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"unsafe\"", value, StringComparison.Ordinal);
        var ttl = await redis.Client.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public void AnotherModelOrPromptVersionGetsItsOwnKey()
    {
        var qwen = VerdictCache.KeyFor("qwen2.5:1.5b-instruct", "hello");

        Assert.NotEqual(qwen, VerdictCache.KeyFor("qwen2.5:7b-instruct", "hello"));
        Assert.NotEqual(qwen, VerdictCache.KeyFor("qwen2.5:1.5b-instruct", "hello!"));
        Assert.StartsWith($"{VerdictCache.KeyPrefix}{JudgePrompt.Version}:", qwen, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", qwen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("she is 12 years old", "she is 21 years old")]
    [InlineData("my card is 4111 1111 1111 1111", "my card is")]
    [InlineData("No, kill them.", "No kill them")]
    [InlineData("hello?", "hello!!")]
    public void TextsThatDifferInDigitsOrPunctuationDoNotShareAVerdict(string one, string other) =>
        Assert.NotEqual(VerdictCache.KeyFor(FakeOllamaServer.Model, one), VerdictCache.KeyFor(FakeOllamaServer.Model, other));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }

    /// <summary>The judge stores without waiting (fire and forget), so the key may land a moment after the verdict.</summary>
    private static async Task<string> WaitForOneKeyAsync(ConnectionMultiplexer redis)
    {
        var server = redis.GetServers().Single();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var keys = server.Keys(pattern: $"{VerdictCache.KeyPrefix}*").Select(k => k.ToString()).ToList();
            if (keys.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(keys);
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"^llm:verdict:v1:qwen2\.5:1\.5b-instruct:[0-9a-f]{64}$")]
    private static partial Regex VerdictKey();
}
