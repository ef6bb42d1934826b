using System.Diagnostics;
using FilterApi.Admin;
using FilterApi.Analysis;
using FilterApi.Http;
using FilterApi.Llm;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Moderation.Documents;
using Moderation.Engine.Scoring;

namespace FilterApi.Scanning;

/// <summary>
/// The console's playground: <c>/api/v1/admin/playground/text</c> and <c>/document</c> answer exactly what
/// <c>/api/v1/detect/text</c> and <c>/detect/document</c> would, for an operator's admin token instead of an API
/// key. Nothing is counted in the statistics: trying texts is not traffic.
/// </summary>
internal static class PlaygroundEndpoints
{
    public static RouteGroupBuilder MapPlaygroundEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/playground").WithTags("Admin: playground").RequireAuthorization(AdminEndpoints.Policy);
        group.MapPost("/text", TextAsync).WithName("PlaygroundText").WithSummary("Every tier on one text, as /api/v1/detect/text answers it");
        group.MapPost("/document", DocumentAsync).WithName("PlaygroundDocument")
            .WithSummary("Words and personal data in a TXT, PDF or DOCX, as /api/v1/detect/document answers it")
            .DisableAntiforgery(); // called with a bearer token by the console's server, not by a browser form
        return group;
    }

    public static async Task<Results<Ok<DetectTextResponse>, ValidationProblem>> TextAsync(
        DetectTextRequest request, TextDetection detection, IOptions<AnalysisOptions> options, CancellationToken cancellationToken)
    {
        if (!ProblemAnswers.IsValidText(request.Text, options.Value.MaxTextLength, out var invalid))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [invalid] });
        }

        var llm = request.Llm?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => LlmMode.Auto,
            "always" => LlmMode.Always,
            "never" => LlmMode.Never,
            _ => (LlmMode?)null,
        };
        if (llm is not { } mode)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["llm"] = ["llm must be auto, always or never"] });
        }

        var result = await detection.DetectAsync(request.Text, AnalysisTarget.Chat, mode, request.Pii ?? true, cancellationToken);
        return TypedResults.Ok(result.ToResponse(Guid.NewGuid()));
    }

    public static async Task<Results<Ok<DetectDocumentResponse>, ValidationProblem, ProblemHttpResult>> DocumentAsync(
        IFormFile? file, DocumentScan documents, IOptions<DocumentOptions> options)
    {
        if (file is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["send the document as a multipart part named file"] });
        }

        if (file.Length > options.Value.MaxBytes)
        {
            return TypedResults.Problem($"the file is larger than {options.Value.MaxBytes} bytes", statusCode: 413);
        }

        var started = Stopwatch.GetTimestamp();
        using var content = new MemoryStream();
        await file.CopyToAsync(content);
        var upload = new UploadedFile(file.FileName, file.ContentType, content.GetBuffer().AsMemory(0, (int)content.Length));
        if (DocumentReader.Identify(upload.Name, upload.ContentType, upload.Content.Span) is not { } kind)
        {
            return TypedResults.Problem($"'{file.FileName}' is not a kind of document read here: send TXT, PDF or DOCX", statusCode: 415);
        }

        try
        {
            var scan = documents.Scan(upload, kind, options.Value);
            return TypedResults.Ok(scan.ToResponse(Guid.NewGuid(), started));
        }
        catch (DocumentRejectedException e)
        {
            return TypedResults.Problem(e.Detail, statusCode: 400);
        }
    }
}
