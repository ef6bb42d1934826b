using System.Diagnostics;
using System.Text.Json;

namespace FilterApi.Tests;

/// <summary>
/// The official <c>openai</c> npm package, unchanged, against the guard (Tests/Clients/openai-node/client.mjs, installed
/// by ./test.sh with <c>npm ci</c>): a chat, a stream, and a blocked input surfacing as the package's own error type.
/// </summary>
public sealed class GuardNodeClientTests : IAsyncLifetime
{
    private GuardHost _host = null!;

    public async Task InitializeAsync() => _host = await GuardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheNodeClientChatsAndPersonalDataIsMaskedBothWays()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Call 010-1234-5678 tomorrow.");

        var answer = await RunAsync("chat", "제 번호는 010-3456-7890 입니다");

        Assert.Equal("Call PHONE_NUMBER tomorrow.", answer.GetProperty("content").GetString());
        Assert.Equal("stop", answer.GetProperty("finishReason").GetString());
        Assert.True(answer.GetProperty("details").GetBoolean());
        Assert.DoesNotContain("010-3456-7890", _host.Upstream.Requests[0].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNodeClientStreamsAndAValueSplitAcrossChunksArrivesMasked()
    {
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks(["Reach us at 010-12", "34-5678", " any time."]);

        var answer = await RunAsync("stream", "number?");

        Assert.Equal("Reach us at PHONE_NUMBER any time.", answer.GetProperty("content").GetString());
        Assert.Equal("stop", answer.GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task ABlockedInputIsTheNodeClientsBadRequestErrorWithCodeContentFilter()
    {
        var answer = await RunAsync("blocked", GuardHost.Abusive);

        Assert.Equal("BadRequestError", answer.GetProperty("error").GetString());
        Assert.True(answer.GetProperty("isApiError").GetBoolean());
        Assert.Equal(400, answer.GetProperty("status").GetInt32());
        Assert.Equal("content_filter", answer.GetProperty("code").GetString());
        Assert.Empty(_host.Upstream.Requests);
    }

    private async Task<JsonElement> RunAsync(string mode, string text)
    {
        var folder = Path.Combine(RepositoryRoot(), "Tests", "Clients", "openai-node");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "openai")),
            $"the openai npm package is not installed: run 'npm ci' in {folder} (./test.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "client.mjs", mode, text })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GATEWAY_URL"] = _host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        start.Environment["GATEWAY_KEY"] = FilterApiFactory.Key;
        using var node = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = node.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = node.StandardError.ReadToEndAsync(deadline.Token);
        await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await errors}");
        return JsonDocument.Parse((await output).Trim()).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "aspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("aspire.sln not found");
    }
}
