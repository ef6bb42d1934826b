using System.Diagnostics;
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
internal static class AnalyzeEndpoints
{
    public static RouteGroupBuilder MapAnalyzeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Analyze");
        group.MapPost("/analyze/{target}", AnalyzeAsync)
            .WithName("Analyze")
            .WithSummary("Decide whether a text is abusive with every tier: lexicon, fastText and the transformer")
            .WithDescription("target is chat (F1-optimal threshold) or community (at most 5% of clean texts flagged). When a model server is down or slow the answer comes from the "
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
        RequestAdmission Admission,
        AnalysisService Analysis,
        IEventPublisher Events,
        AnalysisMetrics Metrics,
        IOptions<AnalysisOptions> Options,
        ILogger<AnalysisService> Logger);

    public static async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(
        string target, HttpContext context, [AsParameters] AnalyzeDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await ProblemAnswers.GuardAsync(services.Logger, trackingId, async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            if (!(await ReadAsync(context, services, ApiScopes.Analyze, cancellationToken)).TryGetValue(out var read, out var refusal))
            {
                return ProblemAnswers.Refuse(context, refusal);
            }

            var (key, text) = read;
            if (!TryParseTarget(target, out var parsed))
            {
                return ProblemAnswers.Problem(trackingId, 400, 4000, $"target '{target}' is invalid: use chat or community");
            }

            var analysis = await services.Analysis.AnalyzeAsync(text, parsed, cancellationToken);
            await ServedAsync(services, key, trackingId, "analyze", target.ToLowerInvariant(), analysis, started);
            return TypedResults.Ok(new AnalyzeResponse(
                trackingId, new AnalyzeTexts(analysis.Text, analysis.Rewritten), analysis.Decision.Abusive ? 1 : 0,
                Math.Round(analysis.Decision.Score, 4), analysis.BadWords, analysis.Degraded));
        });
    }

    public static async Task<Results<Ok<PredictAnswer>, ProblemHttpResult>> PredictAsync(
        HttpContext context, [AsParameters] AnalyzeDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await ProblemAnswers.GuardAsync(services.Logger, trackingId, async Task<Results<Ok<PredictAnswer>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            if (!(await ReadAsync(context, services, ApiScopes.Predict, cancellationToken)).TryGetValue(out var read, out var refusal))
            {
                return ProblemAnswers.Refuse(context, refusal);
            }

            var (key, text) = read;
            var analysis = await services.Analysis.AnalyzeAsync(text, AnalysisTarget.Chat, cancellationToken);
            await ServedAsync(services, key, trackingId, "predict", "chat", analysis, started);
            return TypedResults.Ok(new PredictAnswer(analysis.Text, analysis.Decision.Abusive, Math.Round(analysis.Decision.Score * 100, 2), analysis.Degraded));
        });
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

    /// <summary>A request admitted with a text to analyse.</summary>
    private sealed record TextRequest(ApiKey Key, string Text);

    /// <summary>The shared admission (JSON only: <c>{"text": "..."}</c>), then the text's own rules.</summary>
    private static async Task<Outcome<TextRequest>> ReadAsync(
        HttpContext context, AnalyzeDependencies services, string scope, CancellationToken cancellationToken)
    {
        var admission = await services.Admission.AdmitAsync(context.Request, scope, RequestFormats.Json, cancellationToken);
        if (!admission.TryGetValue(out var admitted, out var refusal))
        {
            return refusal;
        }

        return ProblemAnswers.IsValidText(admitted.Request.Text, services.Options.Value.MaxTextLength, out var error)
            ? new TextRequest(admitted.Key, admitted.Request.Text)
            : Refusal.BadRequest(error);
    }

    private static Task ServedAsync(AnalyzeDependencies services, ApiKey key, Guid trackingId, string endpoint, string mode, TextAnalysis analysis, long started)
    {
        services.Metrics.Answered(endpoint, analysis.Degraded);
        return RequestEvents.ServedAsync(services.Events, key, trackingId, endpoint, mode, analysis.Lang, analysis.Decision.Abusive,
            [.. analysis.Detections.Select(d => new RequestEvents.Word(d.FilteredWord, d.Lang, d.Category, d.Severity))],
            Stopwatch.GetElapsedTime(started));
    }
}
