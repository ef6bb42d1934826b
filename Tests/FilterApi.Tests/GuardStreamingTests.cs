using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FilterApi.Tests;

/// <summary>Streamed answers: personal data split across chunks never reaches the client; a block ends the stream.</summary>
public sealed partial class GuardStreamingTests : IAsyncLifetime
{
    private const string Phone = "010-1234-5678";
    private static readonly string Before = "Sure, here are the details you asked about. Our office hours are nine to six. " + "You can call ";
    private static readonly string After = " at any time on weekdays, and someone from the team will answer within a minute or two.";

    private GuardHost _host = null!;

    public async Task InitializeAsync() => _host = await GuardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <param name="api">With the risk detector, text also waits for its check at sentence ends; the identifier alone holds back only.</param>
    [Theory]
    [InlineData("both")]
    [InlineData("identifier")]
    public async Task APhoneNumberSplitAcrossTwoChunksAtEveryPointIsMaskedAndNeverSent(string api)
    {
        for (var split = 0; split <= Phone.Length; split++)
        {
            _host.Upstream.Reply = _ => new UpstreamReply.Chunks([Before + Phone[..split], Phone[split..] + After]);

            var (events, raw) = await _host.StreamAsync(GuardHost.Ask("how do I call you?"), ("x-guard-api", api));

            var (content, finish) = GuardHost.Assemble(events);
            Assert.Equal(Before + "PHONE_NUMBER" + After, content);
            Assert.Equal("stop", finish);
            Assert.DoesNotContain("1234", WithoutIncidentalDigits(raw));
            Assert.Equal("[DONE]", events[^1]);
        }
    }

    [Fact]
    public async Task ValuesStreamedOneCharacterAtATimeAreMaskedIncludingALongEmailAddress()
    {
        const string email = "a.very.long.mailbox.name.for.the.support.team.of.the.company@customer-service.example.com";
        var answer = $"Write to {email} or call {Phone}, or 주민번호 없이 문의하세요. 감사합니다.";
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks([.. answer.Select(c => c.ToString())]);

        var (events, raw) = await _host.StreamAsync(GuardHost.Ask("contact?"));

        Assert.Equal("Write to EMAIL or call PHONE_NUMBER, or 주민번호 없이 문의하세요. 감사합니다.", GuardHost.Assemble(events).Content);
        Assert.DoesNotContain("customer-service", raw);
        Assert.DoesNotContain("5678", WithoutIncidentalDigits(raw));
    }

    [Fact]
    public async Task AnAbusiveAnswerStopsTheStreamWithContentFilterAndTheWordIsNeverSent()
    {
        var pieces = new List<string> { "Let me think about that. ", "Well... " };
        pieces.AddRange(GuardHost.Abusive.Select(c => c.ToString()));
        pieces.Add(". And more text that must not be sent.");
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks(pieces);

        var (events, raw) = await _host.StreamAsync(GuardHost.Ask("talk"));

        var (content, finish) = GuardHost.Assemble(events);
        Assert.Equal("content_filter", finish);
        Assert.DoesNotContain("시1발", GuardHost.Unescaped(events));
        Assert.DoesNotContain("must not be sent", raw);
        Assert.Equal("[DONE]", events[^1]);
        var details = JsonNode.Parse(events[^2])!["security_proxied_data"]!;
        Assert.Equal("UNSAFE", details["output_security_api_response"]!["data"]![1]!["data"]!["label"]!.GetValue<string>());
        Assert.DoesNotContain("시1발", GuardHost.Unescaped(details));
        Assert.DoesNotContain("시1발", content);
    }

    [Fact]
    public async Task TheLastChunkBeforeDoneCarriesTheDetailsWithTheMaskedAnswerAndConsistentTiming()
    {
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks(["My number is 010-12", "34-5678. Bye."], BetweenChunks: TimeSpan.FromMilliseconds(20));

        var (events, _) = await _host.StreamAsync(GuardHost.Ask("number?"));

        var details = JsonNode.Parse(events[^2])!["security_proxied_data"]!;
        Assert.Equal("My number is PHONE_NUMBER. Bye.", details["llm_response"]!["choices"]![0]!["content"]!.GetValue<string>());
        Assert.True(details["llm_request"]!["stream"]!.GetValue<bool>());
        var timing = details["timing"]!;
        double T(string name) => timing[name]!.GetValue<double>();
        Assert.True(T("total_duration") >= T("input_security_api_call_duration") + T("llm_call_duration") + T("output_security_api_call_duration"));
        Assert.True(T("llm_call_duration") >= 0.02);
        Assert.Null(details["output_security_api_response"]!["data"]![0]!["data"]!["original"]);
    }

    [Fact]
    public async Task AnAbusiveInputIsRefusedBeforeAnyStreamStarts()
    {
        var request = GuardHost.Ask(GuardHost.Abusive);
        request["stream"] = true;

        var (response, body) = await _host.PostAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content_filter", body["error"]!["code"]!.GetValue<string>());
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task AClientThatLeavesMidStreamCancelsTheUpstreamCall()
    {
        _host.Upstream.Reply = _ => new UpstreamReply.Chunks([.. Enumerable.Repeat("word. ", 200)], BetweenChunks: TimeSpan.FromMilliseconds(50));
        var request = GuardHost.Ask("talk for a long time");
        request["stream"] = true;

        using (var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(request) })
        using (var response = await _host.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_host.Upstream.Abandoned == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, _host.Upstream.Abandoned);
    }

    /// <summary>
    /// The stream without W3C trace and span ids (the details echo the client's <c>traceparent</c> header): their
    /// random hex digits hold a run like 1234 now and then, which is not the phone number.
    /// </summary>
    /// <summary>
    /// The stream without what may hold the phone's digits by chance: W3C trace ids the details echo, and JSON numbers
    /// (a duration of 0.0001234 s). The value itself could only appear inside a string.
    /// </summary>
    private static string WithoutIncidentalDigits(string raw) => JsonNumbers().Replace(TraceIds().Replace(raw, ""), ":0");

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{16,}")]
    private static partial System.Text.RegularExpressions.Regex TraceIds();

    [System.Text.RegularExpressions.GeneratedRegex(@":\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")]
    private static partial System.Text.RegularExpressions.Regex JsonNumbers();
}
