using System.Diagnostics;
using FilterApi.Analysis;
using FilterApi.Auth;
using FilterApi.Events;
using FilterApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Moderation.Engine.Scoring;
using Moderation.Pii;

namespace FilterApi.Pii;

/// <summary>
/// <c>POST /api/v1/pii/detect</c>: the personal-data identifier. Scope <c>guard</c>; errors as <c>/api/v1/analyze</c>'s.
/// The values found go back to the caller who sent them and nowhere else: not to logs, events or metrics.
/// </summary>
internal static class PiiEndpoints
{
    public static RouteGroupBuilder MapPiiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pii").WithTags("Personal data");
        group.MapPost("/detect", DetectAsync)
            .WithName("DetectPersonalData")
            .WithSummary("Find personal data (phone numbers, e-mail, resident and business numbers, cards, IP addresses, secrets)")
            .WithDescription("Answers each entity with its UTF-16 span and score, and the text with each value replaced by its label "
                + "(operator placeholder), partly masked (mask) or removed (redact). Look-alikes that fail their checksum or date are not reported.")
            .Accepts<PiiDetectRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    internal sealed record PiiDependencies(
        RequestAdmission Admission, IEventPublisher Events, IOptions<AnalysisOptions> Options, ILogger<PiiDetectRequest> Logger);

    public static async Task<Results<Ok<PiiDetectResponse>, ProblemHttpResult>> DetectAsync(
        HttpContext context, [AsParameters] PiiDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await ProblemAnswers.GuardAsync(services.Logger, trackingId, async Task<Results<Ok<PiiDetectResponse>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            var admission = await services.Admission.AdmitAsync(
                context.Request, ApiScopes.Guard, RequestFormats.Json, JsonBodies.ParseAsync<PiiDetectRequest>, cancellationToken);
            if (!admission.TryGetValue(out var admitted, out var refusal))
            {
                return ProblemAnswers.Refuse(context, refusal);
            }

            var (key, request) = admitted;
            if (!ProblemAnswers.IsValidText(request.Text, services.Options.Value.MaxTextLength, out var invalid)
                || !PiiRequestRules.TryRead(request, out var excluded, out var op, out invalid))
            {
                return ProblemAnswers.Problem(trackingId, 400, 4000, invalid);
            }

            var text = request.Text;
            var entities = PiiDetector.Default.Detect(text, excluded);
            await RequestEvents.ServedAsync(services.Events, key, trackingId, "pii", PiiRequestRules.Name(op), LanguageGuess.Of(text), abusive: false,
                [], Stopwatch.GetElapsedTime(started), PiiRequestRules.Findings(entities));
            return TypedResults.Ok(new PiiDetectResponse(
                trackingId, PiiRequestRules.Answers(text, entities), PiiAnonymizer.Apply(text, entities, op), text));
        });
    }
}
