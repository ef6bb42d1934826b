using System.Text;
using System.Text.Json.Nodes;
using FilterApi.Http;
using Microsoft.Extensions.Options;
using Moderation.Documents;
using Moderation.Pii;

namespace FilterApi.Guard;

/// <summary>How a check ended for the request.</summary>
internal enum CheckDecision
{
    Pass,
    Block,
    FailClosed,
}

/// <param name="Code">The OpenAI error code of a blocked input: <c>content_filter</c>, or <c>personal_data_in_file</c>.</param>
internal sealed record CheckResult(CheckDecision Decision, CheckRecord Record, string? Message = null, string? Code = null);

/// <summary>The risk detector's run: its assessment, or why there is none (<c>error</c>, <c>timeout</c>).</summary>
internal sealed record RiskRun(RiskAssessment? Assessment, string Status, string? Error)
{
    public static readonly RiskRun Skipped = new(new RiskAssessment(false, null, [], []), "success", null);

    public bool Unsafe => Assessment?.Unsafe == true;
}

/// <summary>
/// The input and output checks: the identifier masks personal data in place (in process, so it never fails
/// open); the risk detector (<see cref="IGuardChecks"/>) judges user texts, file texts and answers within
/// <c>Guard:CheckTimeout</c>, and a failure or timeout is recorded and decided by the policy's failure mode.
/// </summary>
internal sealed partial class GuardInspector(IGuardChecks checks, IOptions<GuardOptions> options, ILogger<GuardInspector> logger)
{
    public GuardOptions Options => options.Value;

    public async Task<Outcome<CheckResult>> CheckInputAsync(ChatContent content, GuardPolicy policy, GuardClock clock, CancellationToken cancellationToken)
    {
        var start = clock.Now();
        var documents = new List<string>();
        foreach (var file in content.Files)
        {
            if (!ReadDocument(file).TryGetValue(out var text, out var refusal))
            {
                return refusal;
            }

            if (policy.Identifies && PiiDetector.Default.Detect(text, policy.ExcludedLabels) is { Count: > 0 } found)
            {
                // A value inside a PDF or DOCX cannot be replaced without rewriting the file, and forwarding it would
                // send personal data upstream: refused, with the labels (never the values) and the ways out.
                var labels = string.Join(", ", found.Select(e => e.Label).Distinct(StringComparer.Ordinal));
                var end = clock.Now();
                return new CheckResult(CheckDecision.Block,
                    new CheckRecord("success", null, start, end, end - start, Warnings: content.Warnings),
                    $"{file.Where}: the file '{file.Name ?? "file"}' contains personal data ({labels}) that cannot be masked inside a file; "
                    + "send its text as a text part instead, or exclude the labels with x-guard-exclude-labels",
                    "personal_data_in_file");
            }

            documents.Add(text);
        }

        JsonObject? identified = null;
        if (policy.Identifies)
        {
            var found = new List<(string Original, IReadOnlyList<PiiEntity> Entities)>();
            foreach (var slot in content.Texts)
            {
                var original = slot.Text;
                var entities = PiiDetector.Default.Detect(original, policy.ExcludedLabels);
                if (entities.Count > 0)
                {
                    slot.Replace(PiiAnonymizer.Apply(original, entities, PiiOperator.Placeholder));
                }

                found.Add((original, entities));
            }

            identified = IdentifierData(found, echoValues: true);
        }

        // System, developer, assistant and tool texts are masked above but not judged: they are the operator's
        // instructions, earlier answers and tool data, not what the user wrote.
        var risk = policy.DetectsRisk ? await AssessAsync([.. content.UserTexts.Select(t => t.Text), .. documents], cancellationToken) : null;
        return Decide(risk, identified, policy, start, clock.Now(), content.Warnings,
            "the input was blocked by the content filter");
    }

    /// <summary>Masks personal data in every choice's message in place, then judges the masked answers.</summary>
    public async Task<CheckResult> CheckOutputAsync(JsonObject answer, GuardPolicy policy, GuardClock clock, CancellationToken cancellationToken)
    {
        var start = clock.Now();
        var messages = (answer["choices"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => c["message"] as JsonObject)
            .Where(m => m?["content"] is JsonValue v && v.TryGetValue<string>(out _))
            .Select(m => m!)
            .ToList();
        JsonObject? identified = null;
        if (policy.Identifies)
        {
            var found = new List<(string Original, IReadOnlyList<PiiEntity> Entities)>();
            foreach (var message in messages)
            {
                var original = message["content"]!.GetValue<string>();
                var entities = PiiDetector.Default.Detect(original, policy.ExcludedLabels);
                message["content"] = PiiAnonymizer.Apply(original, entities, PiiOperator.Placeholder);
                found.Add((original, entities));
            }

            identified = IdentifierData(found, echoValues: false);
        }

        var risk = policy.DetectsRisk ? await AssessAsync([.. messages.Select(m => m["content"]!.GetValue<string>())], cancellationToken) : null;
        if (risk?.Unsafe == true && identified?["data"] is JsonObject data)
        {
            data["abstracted"] = null; // the blocked answer is not shown in the details either
        }

        return Decide(risk, identified, policy, start, clock.Now(), null, Options.RefusalMessage);
    }

    /// <summary>The risk detector within <c>Guard:CheckTimeout</c>; only the caller's own cancellation is thrown.</summary>
    public async Task<RiskRun> AssessAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (!texts.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            return RiskRun.Skipped;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.CheckTimeout);
        try
        {
            return new RiskRun(await checks.AssessAsync(texts, deadline.Token).WaitAsync(deadline.Token), "success", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(logger, "timeout", null);
            return new RiskRun(null, "timeout", $"the risk check took longer than {Options.CheckTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(logger, "error", e);
            return new RiskRun(null, "error", $"the risk check failed: {e.Message}");
        }
    }

    /// <summary>
    /// The identifier's data over several texts: one record whose <c>original</c> and <c>abstracted</c> are the texts
    /// joined by newlines, offsets into that join. Without <paramref name="echoValues"/> (answers: output personal
    /// data never reaches the client) <c>original</c> and each entity's <c>text</c> are null.
    /// </summary>
    public static JsonObject IdentifierData(IReadOnlyList<(string Original, IReadOnlyList<PiiEntity> Entities)> texts, bool echoValues)
    {
        var (original, abstracted, entities, offset) = (new StringBuilder(), new StringBuilder(), new JsonArray(), 0);
        for (var i = 0; i < texts.Count; i++)
        {
            var (text, found) = texts[i];
            if (i > 0)
            {
                original.Append('\n');
                abstracted.Append('\n');
                offset++;
            }

            foreach (var e in found)
            {
                entities.Add(new JsonObject
                {
                    ["label"] = e.Label,
                    ["text"] = echoValues ? text[e.Start..e.End] : null,
                    ["start"] = e.Start + offset,
                    ["end"] = e.End + offset,
                    ["score"] = Math.Round(e.Score, 2),
                });
            }

            original.Append(text);
            abstracted.Append(PiiAnonymizer.Apply(text, found, PiiOperator.Placeholder));
            offset += text.Length;
        }

        return new JsonObject
        {
            ["type"] = "identifier",
            ["data"] = new JsonObject
            {
                ["entities"] = entities,
                ["abstracted"] = abstracted.ToString(),
                ["original"] = echoValues ? original.ToString() : null,
            },
        };
    }

    /// <summary>With both checks, <c>data</c> is a list (identifier first, then the risk detector when it answered); with one, that one's object.</summary>
    public static JsonNode? Data(JsonObject? identified, RiskRun? risk)
    {
        var risky = risk?.Assessment?.ToData();
        return (identified, risk) switch
        {
            (not null, not null) => new JsonArray([identified, .. risky is null ? Array.Empty<JsonNode>() : [risky]]),
            (not null, null) => identified,
            _ => risky,
        };
    }

    private static CheckResult Decide(
        RiskRun? risk, JsonObject? identified, GuardPolicy policy, double start, double end, IReadOnlyList<string>? warnings, string blockMessage)
    {
        var record = new CheckRecord(risk?.Status ?? "success", Data(identified, risk), start, end, end - start, risk?.Error, warnings);
        if (risk?.Unsafe == true)
        {
            return new CheckResult(CheckDecision.Block, record, blockMessage, GuardErrors.ContentFilter);
        }

        return record.Status != "success" && policy.FailureMode == GuardFailureMode.Closed
            ? new CheckResult(CheckDecision.FailClosed, record)
            : new CheckResult(CheckDecision.Pass, record);
    }

    private Outcome<string> ReadDocument(ChatFile file)
    {
        if (DocumentReader.Identify(file.Name, file.MediaType, file.Content) is not { } kind)
        {
            return Refusal.BadRequest($"{file.Where}: '{file.Name ?? "file"}' ({file.MediaType ?? "no media type"}) is not a file the guard reads: send TXT, PDF or DOCX");
        }

        var limits = new DocumentLimits { MaxBytes = Options.MaxBodyBytes, MaxTextChars = Options.MaxDocumentChars };
        try
        {
            using var stream = new MemoryStream(file.Content, writable: false);
            return string.Join('\n', DocumentReader.Read(stream, kind, limits).Select(s => s.Text));
        }
        catch (DocumentRejectedException e)
        {
            return Refusal.BadRequest($"{file.Where}: {e.Detail}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A guard risk check ended with {Status}")]
    private static partial void LogCheckFailed(ILogger logger, string status, Exception? exception);
}
