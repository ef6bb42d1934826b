using System.Text.Json.Nodes;
using FilterApi.Analysis;
using FilterApi.Llm;
using FilterApi.Scanning;
using Microsoft.Extensions.Options;
using Moderation.Engine.Scoring;

namespace FilterApi.Guard;

/// <summary>The risk detector's answer for the texts of one check.</summary>
/// <param name="Score">The highest score of any text (0–1); null when no tier could score.</param>
/// <param name="Categories">The unsafe texts' categories.</param>
/// <param name="Degraded">The tiers that should have answered and did not.</param>
internal sealed record RiskAssessment(bool Unsafe, double? Score, IReadOnlyList<string> Categories, IReadOnlyList<string> Degraded)
{
    public JsonObject ToData() => new()
    {
        ["type"] = "risk-detector",
        ["data"] = new JsonObject
        {
            ["label"] = Unsafe ? "UNSAFE" : "SAFE",
            ["score"] = Score,
            ["categories"] = new JsonArray([.. Categories.Select(c => (JsonNode?)c)]),
            ["degraded"] = new JsonArray([.. Degraded.Select(d => (JsonNode?)d)]),
        },
    };
}

/// <summary>
/// The risk detector behind the guard: a service so tests can make it fail or stall (the real tiers degrade
/// rather than fail). The identifier is not here: it runs in process and never fails open.
/// </summary>
internal interface IGuardChecks
{
    Task<RiskAssessment> AssessAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>
/// Every moderation tier (<see cref="TextDetection"/>: lexicon, both models, the LLM judge where the grey-zone
/// policy asks) on each text, in windows of <c>Analysis:MaxTextLength</c> characters, all at once; unsafe when any is.
/// </summary>
internal sealed class RiskDetectorChecks(TextDetection detection, IOptions<AnalysisOptions> analysis) : IGuardChecks
{
    public async Task<RiskAssessment> AssessAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var window = analysis.Value.MaxTextLength;
        var pieces = texts.Where(t => !string.IsNullOrWhiteSpace(t))
            .SelectMany(t => Enumerable.Range(0, (t.Length + window - 1) / window).Select(i => t.Substring(i * window, Math.Min(window, t.Length - (i * window)))))
            .ToList();
        var results = await Task.WhenAll(pieces.Select(p => detection.DetectAsync(p, AnalysisTarget.Chat, LlmMode.Auto, pii: false, cancellationToken)));
        double? score = null;
        foreach (var result in results)
        {
            var s = result.DecidedByLlm && result.Verdict!.Score is { } llm ? llm : result.Tiers.Decision.Score;
            if (!double.IsNaN(s))
            {
                score = Math.Max(score ?? 0, Math.Round(s, 4));
            }
        }

        var unsafeResults = results.Where(r => r.Abusive).ToList();
        return new RiskAssessment(unsafeResults.Count > 0, score,
            [.. unsafeResults.SelectMany(r => r.Categories).Distinct(StringComparer.Ordinal)],
            [.. results.SelectMany(r => r.Degraded).Distinct(StringComparer.Ordinal)]);
    }
}
