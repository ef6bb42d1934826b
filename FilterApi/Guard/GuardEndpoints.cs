using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FilterApi.Auth;
using FilterApi.Events;
using FilterApi.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FilterApi.Guard;

/// <summary>
/// <c>POST /v1/chat/completions</c> (OpenAI-compatible, streaming too) and <c>GET /v1/models</c>: the chat guard in
/// front of an OpenAI-compatible upstream. Scope <c>guard</c>; errors in OpenAI's shape (<see cref="GuardErrors"/>).
/// </summary>
internal static partial class GuardEndpoints
{
    public static RouteGroupBuilder MapGuardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Chat guard");
        group.MapPost("/chat/completions", ChatCompletionsAsync)
            .WithName("GuardChatCompletions")
            .WithSummary("OpenAI-compatible chat completions with input and output checks: personal data masked, unsafe content blocked")
            .WithDescription("Headers x-guard-type (input|output|both), x-guard-api (identifier|risk-detector|both), x-guard-exclude-labels, "
                + "x-guard-details (true|false). The answer carries security_proxied_data unless x-guard-details is false.");
        group.MapGet("/models", ListModelsAsync)
            .WithName("GuardModels")
            .WithSummary("The upstream's model list, passed through");
        return group;
    }

    internal sealed record GuardDependencies(
        RequestAdmission Admission, ApiKeyAuthenticator Auth, GuardInspector Inspector, UpstreamClient Upstream,
        IEventPublisher Events, IOptions<GuardOptions> Options, ILogger<GuardInspector> Logger);

    public static async Task<IResult> ChatCompletionsAsync(HttpContext context, [AsParameters] GuardDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        var started = Stopwatch.GetTimestamp();
        var report = new GuardReport(new GuardClock());
        var details = false;
        try
        {
            var options = services.Options.Value;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = options.MaxBodyBytes + 1L; // the admission answers 413 past the limit itself
            }

            var admission = await services.Admission.AdmitAsync(
                context.Request, ApiScopes.Guard, RequestFormats.Json, ParseAsync, cancellationToken, maxBodyBytes: options.MaxBodyBytes);
            if (!admission.TryGetValue(out var admitted, out var refusal))
            {
                return GuardErrors.Refuse(context, refusal);
            }

            if (!GuardPolicy.Resolve(context.Request.Headers, GuardDefaults.From(admitted.Key.Guard), options.FailureMode).TryGetValue(out var policy, out refusal)
                || !ChatContent.Read(admitted.Request).TryGetValue(out var content, out refusal))
            {
                return GuardErrors.Refuse(context, refusal);
            }

            if (!services.Upstream.IsConfigured)
            {
                return GuardErrors.NotConfigured();
            }

            var request = admitted.Request;
            details = policy.Details;
            if (details)
            {
                report.OriginalRequest = OriginalRequest(request, context.Request.Headers);
            }

            if (policy.ChecksInput)
            {
                if (!(await services.Inspector.CheckInputAsync(content, policy, report.Clock, cancellationToken)).TryGetValue(out var input, out refusal))
                {
                    return GuardErrors.Refuse(context, refusal);
                }

                report.Input = input.Record;
                switch (input.Decision)
                {
                    case CheckDecision.Block:
                        report.InputBlocked = true;
                        await GuardEvents.ServedAsync(services.Events, admitted.Key, trackingId, report, started);
                        return GuardErrors.Of(400, input.Message!, "invalid_request_error", input.Code, Details(report, details));
                    case CheckDecision.FailClosed:
                        return GuardErrors.CheckFailed("input", Details(report, details));
                }
            }

            report.LlmRequest = request;
            var answered = request["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streamed) && streamed
                ? await StreamAsync(context, services, policy, report, request, cancellationToken)
                : await CompleteAsync(services, policy, report, request, cancellationToken);
            await GuardEvents.ServedAsync(services.Events, admitted.Key, trackingId, report, started);
            return answered;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(services.Logger, e, trackingId);
            report.HandlerError = $"the request could not be processed; it was logged under {trackingId}";
            return context.Response.HasStarted ? Results.Empty : GuardErrors.Internal(trackingId, Details(report, details));
        }
    }

    private static async Task<IResult> CompleteAsync(
        GuardDependencies services, GuardPolicy policy, GuardReport report, JsonObject request, CancellationToken cancellationToken)
    {
        var llmStart = report.Clock.Now();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(services.Options.Value.UpstreamTimeout);
        JsonObject answer;
        try
        {
            using var response = await services.Upstream.SendAsync(HttpMethod.Post, "chat/completions", request, streamed: false, timeout.Token);
            MarkLlm(report, llmStart);
            if (!response.IsSuccessStatusCode)
            {
                return await UpstreamClient.PassThroughErrorAsync(response, Details(report, policy.Details), cancellationToken);
            }

            if (JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) is not JsonObject parsed)
            {
                return GuardErrors.Unreachable("its answer is not a JSON object", Details(report, policy.Details));
            }

            answer = parsed;
            MarkLlm(report, llmStart);
        }
        catch (Exception e) when (UpstreamFailure(e, report, llmStart, policy.Details, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (policy.ChecksOutput)
        {
            var output = await services.Inspector.CheckOutputAsync(answer, policy, report.Clock, cancellationToken);
            report.Output = output.Record;
            var recorded = (JsonObject)answer.DeepClone();
            if (output.Decision == CheckDecision.FailClosed)
            {
                report.LlmResponse = recorded;
                return GuardErrors.CheckFailed("output", Details(report, policy.Details));
            }

            if (output.Decision == CheckDecision.Block)
            {
                report.OutputBlocked = true;
                Refuse(answer, services.Options.Value.RefusalMessage);
                Refuse(recorded, null); // the blocked text is not shown in the details either
            }

            report.LlmResponse = recorded;
        }
        else
        {
            report.LlmResponse = answer.DeepClone();
        }

        if (policy.Details)
        {
            answer[GuardReport.PropertyName] = report.ToJson();
        }

        return Results.Json(answer);
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context, GuardDependencies services, GuardPolicy policy, GuardReport report, JsonObject request, CancellationToken cancellationToken)
    {
        var llmStart = report.Clock.Now();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(services.Options.Value.UpstreamTimeout);
        HttpResponseMessage response;
        try
        {
            response = await services.Upstream.SendAsync(HttpMethod.Post, "chat/completions", request, streamed: true, timeout.Token);
        }
        catch (Exception e) when (UpstreamFailure(e, report, llmStart, policy.Details, cancellationToken) is { } failure)
        {
            return failure;
        }

        // Disposing the response closes the upstream connection: a client that leaves (RequestAborted cancels the
        // reads) or a block stops the upstream's generation too.
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                MarkLlm(report, llmStart);
                return await UpstreamClient.PassThroughErrorAsync(response, Details(report, policy.Details), cancellationToken);
            }

            try
            {
                await new StreamRelay(services.Inspector, policy, report, context.Response).RunAsync(response, timeout, llmStart, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The upstream went quiet for longer than Guard:UpstreamTimeout mid-stream: the client sees the stream end.
                LogStreamTimedOut(services.Logger);
            }
            catch (HttpRequestException e) when (context.Response.HasStarted)
            {
                LogStreamBroken(services.Logger, e);
            }

            return Results.Empty;
        }
    }

    public static async Task<IResult> ListModelsAsync(HttpContext context, [AsParameters] GuardDependencies services, CancellationToken cancellationToken)
    {
        if (!(await services.Auth.IdentifyAsync(context.Request, ApiScopes.Guard, cancellationToken)).TryGetValue(out var key, out var refusal))
        {
            return GuardErrors.Refuse(context, refusal);
        }

        if (await services.Auth.AdmitAsync(context.Request, key, ReadOnlyMemory<byte>.Empty, cancellationToken) is { } notAdmitted)
        {
            return GuardErrors.Refuse(context, notAdmitted);
        }

        if (!services.Upstream.IsConfigured)
        {
            return GuardErrors.NotConfigured();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(services.Options.Value.UpstreamTimeout);
        try
        {
            using var response = await services.Upstream.SendAsync(HttpMethod.Get, "models", null, streamed: false, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return await UpstreamClient.PassThroughErrorAsync(response, null, cancellationToken);
            }

            return Results.Text(await response.Content.ReadAsStringAsync(timeout.Token), "application/json", statusCode: 200);
        }
        catch (HttpRequestException e)
        {
            return GuardErrors.Unreachable(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GuardErrors.UpstreamTimeout();
        }
    }

    /// <summary>The body as an OpenAI request must be: a JSON object (4000 and why otherwise); every field kept as sent.</summary>
    private static ValueTask<Outcome<JsonObject>> ParseAsync(RequestBody body, HttpRequest http, int maxBodyBytes)
    {
        if (body.Length == 0)
        {
            return ValueTask.FromResult<Outcome<JsonObject>>(Refusal.BadRequest("request body is empty"));
        }

        try
        {
            return ValueTask.FromResult<Outcome<JsonObject>>(JsonNode.Parse(body.Memory.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is JsonObject request
                ? request
                : Refusal.BadRequest("malformed JSON body: expected an object"));
        }
        catch (JsonException e)
        {
            return ValueTask.FromResult<Outcome<JsonObject>>(Refusal.BadRequest($"malformed JSON body at {e.Path ?? "$"}"));
        }
    }

    /// <summary>The client's request as the details record it: the body, and the headers less every credential.</summary>
    private static JsonObject OriginalRequest(JsonObject request, IHeaderDictionary headers)
    {
        var original = (JsonObject)request.DeepClone();
        var kept = new JsonObject();
        foreach (var (name, values) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower is not ("authorization" or ApiKeyReader.HeaderName or "x-auth-token" or "cookie" or "proxy-authorization"))
            {
                kept[lower] = values.ToString();
            }
        }

        original["headers"] = kept;
        return original;
    }

    private static void Refuse(JsonObject answer, string? refusal)
    {
        foreach (var choice in (answer["choices"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (choice["message"] is JsonObject message)
            {
                message["content"] = refusal;
            }

            choice["finish_reason"] = GuardErrors.ContentFilter;
        }
    }

    private static JsonObject? Details(GuardReport report, bool details) => details ? report.ToJson() : null;

    private static void MarkLlm(GuardReport report, double start)
    {
        var end = report.Clock.Now();
        report.Llm = (start, end, end - start);
    }

    /// <summary>The upstream could not be reached (502) or did not answer in time (504); null for anything else.</summary>
    private static IResult? UpstreamFailure(Exception e, GuardReport report, double llmStart, bool details, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case HttpRequestException unreachable:
                MarkLlm(report, llmStart);
                return GuardErrors.Unreachable(unreachable.Message, Details(report, details));
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                MarkLlm(report, llmStart);
                return GuardErrors.UpstreamTimeout(Details(report, details));
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Guard request {TrackingId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid trackingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The guard's upstream went quiet mid-stream for longer than Guard:UpstreamTimeout")]
    private static partial void LogStreamTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The guard's upstream stream broke")]
    private static partial void LogStreamBroken(ILogger logger, Exception exception);
}
