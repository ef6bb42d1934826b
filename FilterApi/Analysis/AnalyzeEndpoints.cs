using System.Diagnostics;
using System.Globalization;
using FilterApi.Auth;
using FilterApi.Events;
using FilterApi.Filtering;
using FilterApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Moderation.Engine.Scoring;

namespace FilterApi.Analysis;

/// <summary>
/// <c>POST /api/v1/analyze/{chat|community}</c> and <c>POST /api/v1/predict</c>: the lexicon tier and both models,
/// combined. Errors are HTTP statuses with a problem document whose <c>code</c> matches the filter contract's:
/// 400/4000 bad body or text, 401/4010 no or unknown key or bad signature, 403/4030 revoked, expired or out of
/// scope, 429/4290 over the key's limit (with <c>Retry-After</c>), 500/5000 internal error.
/// </summary>
internal static partial class AnalyzeEndpoints
{
    public static RouteGroupBuilder MapAnalyzeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Analyze");
        group.MapPost("/analyze/{target}", AnalyzeAsync)
            .WithName("Analyze")
            .WithSummary("Decide whether a text is abusive with every tier: lexicon, fastText and the transformer")
            .WithDescription("target is chat or community (stricter). When a model server is down or slow the answer comes from the "
                + "tiers that answered, with degraded: true.")
            .DescribeTextRequest();
        group.MapPost("/predict", PredictAsync)
            .WithName("Predict")
            .WithSummary("Toxicity score 0–100 of a text from every tier (the chat decision)")
            .DescribeTextRequest();
        return group;
    }

    private static RouteHandlerBuilder DescribeTextRequest(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<AnalyzeRequest>("application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>Dependencies of both endpoints, bundled so the handlers' signatures stay readable.</summary>
    internal sealed record AnalyzeDependencies(
        ApiKeyAuthenticator Auth,
        AnalysisService Analysis,
        IEventPublisher Events,
        AnalysisMetrics Metrics,
        IOptions<AnalysisOptions> Options,
        IOptions<FilterOptions> FilterOptions,
        ILogger<AnalysisService> Logger);

    public static async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(
        string target, HttpContext context, [AsParameters] AnalyzeDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await GuardAsync(services, trackingId, async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            var (text, key, problem) = await ReadAsync(context, services, ApiScopes.Analyze, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!TryParseTarget(target, out var parsed))
            {
                return Problem(trackingId, 400, 4000, $"target '{target}' is invalid: use chat or community");
            }

            var analysis = await services.Analysis.AnalyzeAsync(text!, parsed, cancellationToken);
            Served(services, key!, trackingId, "analyze", target.ToLowerInvariant(), analysis, started);
            return TypedResults.Ok(new AnalyzeResponse(
                trackingId, new AnalyzeTexts(analysis.Text, analysis.Rewritten), analysis.Decision.Abusive ? 1 : 0,
                Math.Round(analysis.Decision.Score, 4), analysis.BadWords, analysis.Degraded));
        });
    }

    public static async Task<Results<Ok<PredictAnswer>, ProblemHttpResult>> PredictAsync(
        HttpContext context, [AsParameters] AnalyzeDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await GuardAsync(services, trackingId, async Task<Results<Ok<PredictAnswer>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            var (text, key, problem) = await ReadAsync(context, services, ApiScopes.Predict, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var analysis = await services.Analysis.AnalyzeAsync(text!, AnalysisTarget.Chat, cancellationToken);
            Served(services, key!, trackingId, "predict", "chat", analysis, started);
            return TypedResults.Ok(new PredictAnswer(analysis.Text, analysis.Decision.Abusive, Math.Round(analysis.Decision.Score * 100, 2), analysis.Degraded));
        });
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> GuardAsync<T>(
        AnalyzeDependencies services, Guid trackingId, Func<Task<Results<Ok<T>, ProblemHttpResult>>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(services.Logger, e, trackingId);
            return Problem(trackingId, 500, 5000, "the request could not be processed; it was logged under its trackingId");
        }
    }

    private static bool TryParseTarget(string target, out AnalysisTarget parsed)
    {
        (var ok, parsed) = target.ToLowerInvariant() switch
        {
            "chat" => (true, AnalysisTarget.Chat),
            "community" => (true, AnalysisTarget.Community),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Who is asking, then the body: <c>{"text": "..."}</c>, signed and within the key's limit.</summary>
    private static async Task<(string? Text, ApiKey? Key, ProblemHttpResult? Problem)> ReadAsync(
        HttpContext context, AnalyzeDependencies services, string scope, CancellationToken cancellationToken)
    {
        var (key, refused) = await services.Auth.IdentifyAsync(context.Request, scope, cancellationToken);
        if (key is null)
        {
            return (null, null, Refuse(context, refused!));
        }

        // Routing answers 415 to other media types; a request without any Content-Type gets here.
        if (!context.Request.HasJsonContentType())
        {
            return (null, null, Problem(null, 400, 4000, "Content-Type must be application/json"));
        }

        var (body, bodyError) = await RequestBody.ReadAsync(context.Request, services.FilterOptions.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, null, Problem(null, 400, 4000, bodyError!));
        }

        using var _ = body;
        if (await services.Auth.AdmitAsync(context.Request, key, body.Memory, cancellationToken) is { } notAdmitted)
        {
            return (null, null, Refuse(context, notAdmitted));
        }

        // The same JSON reading as /filter: same rules for types, Unicode and malformed bodies, same messages.
        var (request, readError) = await FilterRequestReader.ParseAsync(body, isForm: false, services.FilterOptions.Value.MaxBodyBytes);
        var error = readError ?? ValidateText(request!.Text, services.Options.Value.MaxTextLength);
        return error is null ? (request!.Text, key, null) : (null, null, Problem(null, 400, 4000, error));
    }

    private static string? ValidateText(string? text, int maxLength) => text switch
    {
        null => "text is required",
        { Length: 0 } => "text is empty",
        _ when string.IsNullOrWhiteSpace(text) => "text is only whitespace",
        { Length: var length } when length > maxLength => $"text is longer than {maxLength} characters ({length})",
        _ => null,
    };

    private static void Served(AnalyzeDependencies services, ApiKey key, Guid trackingId, string endpoint, string mode, TextAnalysis analysis, long started)
    {
        services.Metrics.Answered(endpoint, analysis.Degraded);
        RequestEvents.Served(services.Events, key, trackingId, endpoint, mode, analysis.Lang, analysis.Decision.Abusive,
            [.. analysis.Detections.Select(d => new RequestEvents.Word(d.FilteredWord, d.Lang, d.Category, d.Severity))],
            Stopwatch.GetElapsedTime(started));
    }

    private static ProblemHttpResult Refuse(HttpContext context, AuthFailure failure)
    {
        var status = FilterStatusCodes.FromAuthFailure(failure);
        if (failure.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = FilterStatusCodes.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }

        return Problem(null, status.Code / 10, status.Code, string.IsNullOrEmpty(status.DetailDescription) ? status.Description : status.DetailDescription);
    }

    private static ProblemHttpResult Problem(Guid? trackingId, int httpStatus, int code, string detail)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (trackingId is { } id)
        {
            extensions["trackingId"] = id; // only where the request got far enough to be logged under one
        }

        return TypedResults.Problem(detail: detail, statusCode: httpStatus, extensions: extensions);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Analyze request {TrackingId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid trackingId);
}
