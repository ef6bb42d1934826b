using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace FilterApi.Tests;

/// <summary>The official OpenAI .NET client and Microsoft.Extensions.AI's adapter over it, unchanged, against the guard.</summary>
public sealed class GuardClientTests : IAsyncLifetime
{
    private GuardHost _host = null!;
    private ChatClient _chat = null!;

    public async Task InitializeAsync()
    {
        _host = await GuardHost.StartAsync();
        _chat = new ChatClient("qwen-test", new ApiKeyCredential(FilterApiFactory.Key),
            new OpenAIClientOptions { Endpoint = new Uri(_host.Client.BaseAddress!, "/v1") });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheOpenAiClientChatsAndGetsTheMaskedAnswer()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Reach us at 010-1234-5678.");

        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage("제 번호는 010-3456-7890 입니다")]);

        Assert.Equal("Reach us at PHONE_NUMBER.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.DoesNotContain("010-3456-7890", _host.Upstream.Requests[0].ToJsonString());
    }

    [Fact]
    public async Task TheOpenAiClientStreamsTheMaskedAnswer()
    {
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks(["Reach us at 010-12", "34-5678", " any time."]);
        var text = "";
        ChatFinishReason? finish = null;

        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage("number?")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("Reach us at PHONE_NUMBER any time.", text);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task ABlockedInputSurfacesAsTheClientsErrorWithStatus400()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => _chat.CompleteChatAsync([new UserChatMessage(GuardHost.Abusive)]));

        Assert.Equal(400, error.Status);
        Assert.Contains("content_filter", error.Message);
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task MicrosoftExtensionsAiChatsThroughTheGuard()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Mail lee@example.com please.");
        IChatClient client = _chat.AsIChatClient();

        var response = await client.GetResponseAsync([new AiChatMessage(AiChatRole.User, "how do I write to you?")]);

        Assert.Equal("Mail EMAIL please.", response.Text);
    }
}
