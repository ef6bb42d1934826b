using System.Diagnostics;
using FilterApi.Analysis;
using FilterApi.Auth;
using FilterApi.Events;
using FilterApi.Http;
using FilterApi.Llm;
using FilterApi.Pii;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Moderation.Documents;
using Moderation.Engine.Scoring;

namespace FilterApi.Scanning;

/// <summary>
/// <c>POST /api/v1/detect/text</c> (every tier, LLM included, one decision; scope <c>analyze</c>) and
/// <c>POST /api/v1/detect/document</c> (TXT, PDF, DOCX up to 10 MB; scope <c>documents</c>). Errors as
/// <c>/api/v1/analyze</c>'s, plus 413/4130 for a file over the limit and 415/4150 for a kind of file not read.
/// </summary>
internal static class DetectEndpoints
{
    public static RouteGroupBuilder MapDetectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/detect").WithTags("Detect");
        group.MapPost("/text", DetectTextAsync)
            .WithName("DetectText")
            .WithSummary("One decision from every tier: lexicon hits, model scores, the LLM's verdict and personal data, each with its time")
            .WithDescription("llm: auto (default; only texts the cheaper tiers are unsure of), always or never. pii: true (default) or false. "
                + "Tiers that did not answer are named in degraded; the answer still comes.")
            .Accepts<DetectTextRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/document", DetectDocumentAsync)
            .WithName("DetectDocument")
            .WithSummary("Lexicon words and personal data in a TXT, PDF or DOCX file (multipart part file, at most 10 MB), by page or paragraph")
            .WithDescription("TXT may be UTF-8, UTF-16 with a BOM, EUC-KR/CP949 or GB18030 (detected). A file over the limit is refused "
                + "before it is parsed (413); a file that is not what it claims to be, encrypted, corrupt or a decompression bomb is refused "
                + "with 400 and why; another kind of file 415.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery() // an API called with a key, not a browser form with a session
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    internal sealed record DetectDependencies(
        RequestAdmission Admission,
        TextDetection Detection,
        DocumentScan Documents,
        IEventPublisher Events,
        IOptions<AnalysisOptions> Analysis,
        IOptions<DocumentOptions> DocumentOptions,
        ILogger<DetectTextRequest> Logger);

    public static async Task<Results<Ok<DetectTextResponse>, ProblemHttpResult>> DetectTextAsync(
        HttpContext context, [AsParameters] DetectDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await ProblemAnswers.GuardAsync(services.Logger, trackingId, async Task<Results<Ok<DetectTextResponse>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            var admission = await services.Admission.AdmitAsync(
                context.Request, ApiScopes.Analyze, RequestFormats.Json, JsonBodies.ParseAsync<DetectTextRequest>, cancellationToken);
            if (!admission.TryGetValue(out var admitted, out var refusal))
            {
                return ProblemAnswers.Refuse(context, refusal);
            }

            var (key, request) = admitted;
            if (!ProblemAnswers.IsValidText(request.Text, services.Analysis.Value.MaxTextLength, out var invalid)
                || !TryReadOptions(request, out var target, out var llm, out invalid))
            {
                return ProblemAnswers.Problem(trackingId, 400, 4000, invalid);
            }

            var result = await services.Detection.DetectAsync(request.Text, target, llm, request.Pii ?? true, cancellationToken);
            await RequestEvents.ServedAsync(services.Events, key, trackingId, "detect", "text", result.Tiers.Lang, result.Abusive,
                [.. result.Tiers.Detections.Select(d => new RequestEvents.Word(d.FilteredWord, d.Lang, d.Category, d.Severity))],
                Stopwatch.GetElapsedTime(started), result.Findings());
            return TypedResults.Ok(result.ToResponse(trackingId));
        });
    }

    public static async Task<Results<Ok<DetectDocumentResponse>, ProblemHttpResult>> DetectDocumentAsync(
        HttpContext context, [AsParameters] DetectDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        return await ProblemAnswers.GuardAsync(services.Logger, trackingId, async Task<Results<Ok<DetectDocumentResponse>, ProblemHttpResult>> () =>
        {
            var started = Stopwatch.GetTimestamp();
            var maxFileBytes = services.DocumentOptions.Value.MaxBytes;
            var admission = await services.Admission.AdmitAsync(
                context.Request, ApiScopes.Documents, RequestFormats.Multipart,
                (body, http, _) => UploadedFile.ReadAsync(body, http, maxFileBytes), cancellationToken,
                maxBodyBytes: maxFileBytes + DocumentOptions.EnvelopeBytes);
            if (!admission.TryGetValue(out var admitted, out var refusal))
            {
                return ProblemAnswers.Refuse(context, refusal);
            }

            var (key, file) = admitted;
            if (DocumentReader.Identify(file.Name, file.ContentType, file.Content.Span) is not { } kind)
            {
                return ProblemAnswers.Problem(trackingId, 415, 4150,
                    $"'{file.Name ?? "file"}' ({file.ContentType ?? "no content type"}) is not a kind of document read here: send TXT, PDF or DOCX");
            }

            DocumentScanResult scan;
            try
            {
                scan = services.Documents.Scan(file, kind, services.DocumentOptions.Value);
            }
            catch (DocumentRejectedException e)
            {
                return ProblemAnswers.Problem(trackingId, 400, 4000, e.Detail);
            }

            await RequestEvents.ServedAsync(services.Events, key, trackingId, "document", scan.Document.Type, scan.Words.Count > 0 ? scan.Words[0].Lang : "none",
                scan.Words.Count > 0, [.. scan.Words.Select(d => new RequestEvents.Word(d.FilteredWord, d.Lang, d.Category, d.Severity))],
                Stopwatch.GetElapsedTime(started), PiiRequestRules.Findings(scan.Entities));
            return TypedResults.Ok(scan.ToResponse(trackingId, started));
        });
    }

    private static bool TryReadOptions(DetectTextRequest request, out AnalysisTarget target, out LlmMode llm, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        (target, llm, error) = (AnalysisTarget.Chat, LlmMode.Auto, null);
        switch (request.Target?.Trim().ToLowerInvariant())
        {
            case null or "" or "chat":
                break;
            case "community":
                target = AnalysisTarget.Community;
                break;
            default:
                error = "target is invalid: use chat or community";
                return false;
        }

        switch (request.Llm?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return true;
            case "always":
                llm = LlmMode.Always;
                return true;
            case "never":
                llm = LlmMode.Never;
                return true;
            default:
                error = "llm is invalid: use auto, always or never";
                return false;
        }
    }
}
