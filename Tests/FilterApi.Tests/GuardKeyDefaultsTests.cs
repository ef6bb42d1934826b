using System.Net;
using System.Text.Json.Nodes;
using FilterApi.Auth;
using FilterApi.Keys;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FilterApi.Tests;

/// <summary>
/// A key's chat-guard defaults (set by an operator through the admin API) apply to its requests, a request's
/// x-guard-* header overrides them, and what the guard did is published for the statistics: per direction, action
/// and label, with no value (events read from a real redis-server's stream).
/// </summary>
public sealed class GuardKeyDefaultsTests : IAsyncLifetime
{
    private static readonly GuardSettings IdentifierOnInputOnly = new("input", "identifier", null, null, null);

    private LocalRedis _redis = null!;
    private GuardHost _host = null!;

    public async Task InitializeAsync()
    {
        _redis = await LocalRedis.StartAsync();
        _host = await GuardHost.StartAsync(
            new() { ["ConnectionStrings:redis"] = LocalRedis.ConnectionString(_redis.Port), ["Events:JournalDirectory"] = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) },
            services => services.AddSingleton<IApiKeyStore>(new DefaultsKeyStore(IdentifierOnInputOnly)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task TheKeysDefaultsDecideWhatIsCheckedAndAHeaderOverridesThem()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Sure, call 010-1234-5678.");

        // The key asks for the identifier on input only: an insult is not judged, the answer's number not masked.
        var (passed, body) = await _host.PostAsync(GuardHost.Ask(GuardHost.Abusive + " 010-3456-7890"));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.DoesNotContain("010-3456-7890", _host.Upstream.Requests[^1].ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Sure, call 010-1234-5678.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        // The request's headers win over the key's defaults.
        var (blocked, error) = await _host.PostAsync(GuardHost.Ask(GuardHost.Abusive), ("x-guard-api", "both"));
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Equal("content_filter", error["error"]!["code"]!.GetValue<string>());
        Assert.Single(_host.Upstream.Requests);
    }

    [Fact]
    public async Task WhatTheGuardDidIsPublishedByDirectionActionAndLabelWithoutValues()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Mail me at lee.jiwon@example.org.");

        await _host.PostAsync(GuardHost.Ask("제 번호는 010-3456-7890 입니다"), ("x-guard-type", "both"));
        await _host.PostAsync(GuardHost.Ask(GuardHost.Abusive), ("x-guard-api", "both"));

        var database = _redis.Client.GetDatabase();
        List<string> payloads = [];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (payloads.Count(p => p.Contains("\"endpoint\":\"guard\"", StringComparison.Ordinal)) < 2)
        {
            await Task.Delay(100, deadline.Token);
            payloads = [.. (await database.StreamRangeAsync("filter-log")).Select(e => (string)e["data"]!)];
        }

        var guard = payloads.Where(p => p.Contains("\"endpoint\":\"guard\"", StringComparison.Ordinal)).ToList();
        var masked = Assert.Single(guard, p => p.Contains("input:MASKING:PHONE_NUMBER", StringComparison.Ordinal));
        Assert.Contains("output:MASKING:EMAIL", masked, StringComparison.Ordinal);
        Assert.Contains(guard, p => p.Contains("input:BLOCKING", StringComparison.Ordinal) && p.Contains("\"abusive\":true", StringComparison.Ordinal));
        Assert.All(guard, p => Assert.DoesNotContain("3456", p, StringComparison.Ordinal));
        Assert.All(guard, p => Assert.DoesNotContain("lee.jiwon", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKeyThatAsksToFailClosedGets503WhenACheckFailsWhileTheGatewayDefaultIsOpen()
    {
        await using var host = await GuardHost.StartAsync(replaceServices: services =>
        {
            services.AddSingleton<IApiKeyStore>(new DefaultsKeyStore(new GuardSettings(null, null, null, null, "closed")));
            services.AddSingleton<Guard.IGuardChecks>(new FailingChecks());
        });

        var (response, error) = await host.PostAsync(GuardHost.Ask("hello"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("guard_check_failed", error["error"]!["code"]!.GetValue<string>());
        Assert.Empty(host.Upstream.Requests);
    }

    private sealed class FailingChecks : Guard.IGuardChecks
    {
        public Task<Guard.RiskAssessment> AssessAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
            throw new HttpRequestException("the model servers are down");
    }

    /// <summary>The test key, with an operator's guard defaults as the database store would return them.</summary>
    private sealed class DefaultsKeyStore(GuardSettings defaults) : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(presentedKey == FilterApiFactory.Key ? new ApiKey("key_guarddefaults", 0) { Guard = defaults } : null);
    }
}
