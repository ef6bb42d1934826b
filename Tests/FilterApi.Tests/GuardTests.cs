using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace FilterApi.Tests;

/// <summary>POST /v1/chat/completions, not streamed: what goes upstream, what comes back, and the details.</summary>
public sealed class GuardTests : IAsyncLifetime
{
    private GuardHost _host = null!;

    public async Task InitializeAsync() => _host = await GuardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InputPersonalDataNeverReachesTheUpstreamAndEveryOtherFieldIsForwardedAsSent()
    {
        var request = GuardHost.Chat(
            ("system", "Support agent. Escalations: 010-9876-5432"),
            ("user", "제 번호는 010-3456-7890 이에요"),
            ("assistant", "Thanks."),
            ("user", new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "and mail kim.minsu@example.co.kr" })));
        request["temperature"] = 0.2;
        request["response_format"] = new JsonObject { ["type"] = "json_object" };
        request["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "lookup" } });

        var (response, body) = await _host.PostAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_host.Upstream.Requests);
        var json = GuardHost.Unescaped(sent);
        Assert.DoesNotContain("010-3456-7890", json);
        Assert.DoesNotContain("010-9876-5432", json);
        Assert.DoesNotContain("kim.minsu@example.co.kr", json);
        Assert.Equal("제 번호는 PHONE_NUMBER 이에요", sent["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal("and mail EMAIL", sent["messages"]![3]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(0.2, sent["temperature"]!.GetValue<double>());
        Assert.Equal("json_object", sent["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("lookup", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal($"Bearer {GuardFakeUpstream.UpstreamKey}", Assert.Single(_host.Upstream.Authorizations));

        var details = body["security_proxied_data"]!;
        var data = details["input_security_api_response"]!["data"]!.AsArray();
        Assert.Equal("identifier", data[0]!["type"]!.GetValue<string>());
        Assert.Equal("risk-detector", data[1]!["type"]!.GetValue<string>());
        Assert.Equal("SAFE", data[1]!["data"]!["label"]!.GetValue<string>());
        var labels = data[0]!["data"]!["entities"]!.AsArray().Select(e => e!["label"]!.GetValue<string>());
        Assert.Equal(["PHONE_NUMBER", "PHONE_NUMBER", "EMAIL"], labels);
        Assert.DoesNotContain("010-3456-7890", details["llm_request"]!.ToJsonString());
        Assert.False(details["original_request"]!["headers"]!.AsObject().ContainsKey("authorization"));
        Assert.Equal("guard", details["metadata"]!["handler"]!.GetValue<string>());
    }

    [Fact]
    public async Task OutputPersonalDataIsMaskedInTheAnswerAndNowhereElseInTheResponse()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("Call 010-1234-5678 or write to lee@example.com.");

        var (response, body) = await _host.PostAsync(GuardHost.Ask("How do I reach support?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Call PHONE_NUMBER or write to EMAIL.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var everything = GuardHost.Unescaped(body);
        Assert.DoesNotContain("1234-5678", everything);
        Assert.DoesNotContain("lee@example.com", everything);
        var identifier = body["security_proxied_data"]!["output_security_api_response"]!["data"]![0]!["data"]!;
        Assert.Equal(2, identifier["entities"]!.AsArray().Count);
    }

    [Fact]
    public async Task AnAbusiveInputIs400ContentFilterAndTheUpstreamIsNeverCalled()
    {
        var (response, body) = await _host.PostAsync(GuardHost.Chat(("user", "hello"), ("assistant", "hi"), ("user", GuardHost.Abusive)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content_filter", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Empty(_host.Upstream.Requests);
        Assert.Equal("UNSAFE", body["security_proxied_data"]!["input_security_api_response"]!["data"]![1]!["data"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAbusiveEarlierUserMessageIsBlockedTooButASystemPromptIsNotJudged()
    {
        var (earlier, _) = await _host.PostAsync(GuardHost.Chat(("user", GuardHost.Abusive), ("assistant", "Please be polite."), ("user", "sorry")));
        var (system, _) = await _host.PostAsync(GuardHost.Chat(("system", "Refuse replies like: " + GuardHost.Abusive), ("user", "hello")));

        Assert.Equal(HttpStatusCode.BadRequest, earlier.StatusCode);
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);
        Assert.Single(_host.Upstream.Requests);
    }

    [Fact]
    public async Task AnAbusiveAnswerIs200WithTheRefusalAndFinishReasonContentFilter()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text(GuardHost.Abusive);

        var (response, body) = await _host.PostAsync(GuardHost.Ask("say something"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("content_filter", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("The answer was withheld by the content filter.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.DoesNotContain("시1발", GuardHost.Unescaped(body));
    }

    [Fact]
    public async Task ATextFileWithAnInsultIsBlockedAndOneWithPersonalDataIsRefusedBeforeTheUpstream()
    {
        static JsonObject WithFile(string text) => GuardHost.Chat(("user", new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = "Summarise this file" },
            new JsonObject
            {
                ["type"] = "file",
                ["file"] = new JsonObject { ["filename"] = "notes.txt", ["file_data"] = "data:text/plain;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) },
            })));

        var (insult, insultBody) = await _host.PostAsync(WithFile("회의록\n" + GuardHost.Abusive + "\n끝"));
        var (personal, personalBody) = await _host.PostAsync(WithFile("연락처: 010-3456-7890"));
        var (clean, _) = await _host.PostAsync(WithFile("The meeting moved to Tuesday."));

        Assert.Equal(HttpStatusCode.BadRequest, insult.StatusCode);
        Assert.Equal("content_filter", insultBody["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, personal.StatusCode);
        Assert.Equal("personal_data_in_file", personalBody["error"]!["code"]!.GetValue<string>());
        Assert.Contains("PHONE_NUMBER", personalBody["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
        var forwarded = Assert.Single(_host.Upstream.Requests);
        Assert.StartsWith("data:text/plain;base64,", forwarded["messages"]![0]!["content"]![1]!["file"]!["file_data"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnImagePartPassesUncheckedWithAWarning()
    {
        var (response, body) = await _host.PostAsync(GuardHost.Chat(("user", new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = "What is in this picture?" },
            new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" } }))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(body["security_proxied_data"]!["input_security_api_response"]!["warnings"]!.AsArray());
        Assert.Contains("image_url", warning!.GetValue<string>());
        Assert.Equal("image_url", _host.Upstream.Requests[0]["messages"]![0]!["content"]![1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task GuardHeadersAreCaseInsensitiveInNameAndValueAndAnInvalidOneIsNamed()
    {
        var (outputOnly, _) = await _host.PostAsync(GuardHost.Ask("call 010-3456-7890"), ("X-GUARD-TYPE", "OUTPUT"));
        var (identifierOnly, _) = await _host.PostAsync(GuardHost.Ask(GuardHost.Abusive), ("X-Guard-Api", "Identifier"));
        var (excluded, _) = await _host.PostAsync(GuardHost.Ask("call 010-2222-3333"), ("x-guard-exclude-labels", "email, phone_number"));
        var (noDetails, noDetailsBody) = await _host.PostAsync(GuardHost.Ask("hi"), ("X-Guard-Details", "FALSE"));
        var (invalid, invalidBody) = await _host.PostAsync(GuardHost.Ask("hi"), ("x-guard-api", "everything"));

        Assert.Equal(HttpStatusCode.OK, outputOnly.StatusCode);
        Assert.Contains("010-3456-7890", _host.Upstream.Requests[0].ToJsonString());
        Assert.Equal(HttpStatusCode.OK, identifierOnly.StatusCode);
        Assert.Contains("010-2222-3333", _host.Upstream.Requests[2].ToJsonString());
        Assert.Equal(HttpStatusCode.OK, noDetails.StatusCode);
        Assert.False(noDetailsBody.ContainsKey("security_proxied_data"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("x-guard-api", invalidBody["error"]!["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", invalidBody["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimingIsConsistentTotalCoversTheStepsAndEachStepEndsAfterItStarts()
    {
        _host.Upstream.Reply = _ => UpstreamReply.Text("fine", TimeSpan.FromMilliseconds(50));

        var (_, body) = await _host.PostAsync(GuardHost.Ask("hello"));

        var timing = body["security_proxied_data"]!["timing"]!;
        double T(string name) => timing[name]!.GetValue<double>();
        var steps = new[] { "input_security_api", "llm", "output_security_api" };
        foreach (var step in steps)
        {
            Assert.True(T($"{step}_call_end") >= T($"{step}_call_start"));
            Assert.Equal(T($"{step}_call_end") - T($"{step}_call_start"), T($"{step}_call_duration"), 6);
        }

        Assert.True(T("input_security_api_call_start") >= T("pre_call_start"));
        Assert.True(T("llm_call_start") >= T("input_security_api_call_end"));
        Assert.True(T("output_security_api_call_start") >= T("llm_call_end"));
        Assert.True(T("llm_call_duration") >= 0.05);
        Assert.True(T("total_duration") >= steps.Sum(s => T($"{s}_call_duration")));
        var input = body["security_proxied_data"]!["input_security_api_response"]!;
        Assert.Equal("success", input["status"]!.GetValue<string>());
        Assert.Equal(200, input["status_code"]!.GetValue<int>());
        Assert.Equal(input.ToJsonString(), body["security_proxied_data"]!["external_api_response"]!.ToJsonString());
    }

    [Fact]
    public async Task AMissingOrWrongKeyIs401InOpenAisErrorShape()
    {
        using var anonymous = _host.Api.CreateClient();
        using var missing = await anonymous.PostAsync("/v1/chat/completions", new StringContent("{}", Encoding.UTF8, "application/json"));
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-key-0123456789");
        using var wrong = await anonymous.GetAsync("/v1/models");

        foreach (var response in new[] { missing, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("invalid_api_key", error["code"]!.GetValue<string>());
            Assert.Equal("authentication_error", error["type"]!.GetValue<string>());
            Assert.True(error.AsObject().ContainsKey("param"));
        }
    }

    [Fact]
    public async Task ModelsPassThroughAndMalformedRequestsAre400()
    {
        using var models = await _host.Client.GetAsync("/v1/models");
        var (noMessages, body) = await _host.PostAsync(new JsonObject { ["model"] = "qwen-test" });

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal("qwen-test", JsonNode.Parse(await models.Content.ReadAsStringAsync())!["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, noMessages.StatusCode);
        Assert.Contains("messages", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpstreamErrorsPassThroughWithTheirStatusAndBody()
    {
        _host.Upstream.Reply = _ => new UpstreamReply.Status(429, "slow down");

        var (response, body) = await _host.PostAsync(GuardHost.Ask("hello"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("slow down", body["error"]!["message"]!.GetValue<string>());
    }
}
