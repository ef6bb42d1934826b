using System.Diagnostics;
using FilterApi.Analysis;
using FilterApi.Filtering;
using FilterApi.Llm;
using FilterApi.Pii;
using Microsoft.Extensions.Options;
using Moderation.Engine;
using Moderation.Engine.Scoring;
using Moderation.Events;
using Moderation.Pii;

namespace FilterApi.Scanning;

/// <summary>
/// Every tier on one text, one decision: the lexicon and both models (<see cref="AnalysisService"/>), the LLM judge
/// where the policy asks it, the personal-data identifier. The LLM's verdict, where it gave one, decides (it is the
/// deepest tier); where it did not answer the lexicon+ML decision stands and the answer names the LLM as degraded.
/// </summary>
internal sealed class TextDetection(AnalysisService analysis, LlmJudge judge, IOptions<LlmOptions> llmOptions)
{
    public async Task<TextDetectionResult> DetectAsync(string text, AnalysisTarget target, LlmMode llm, bool pii, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var tiers = await analysis.AnalyzeAsync(text, target, cancellationToken);

        LlmVerdict? verdict = null;
        var judgeStarted = Stopwatch.GetTimestamp();
        if (llmOptions.Value.ShouldAsk(llm, tiers.Decision.Score))
        {
            verdict = await judge.JudgeAsync(text, cancellationToken);
        }

        var judgeElapsed = Stopwatch.GetElapsedTime(judgeStarted);
        var piiStarted = Stopwatch.GetTimestamp();
        var entities = pii ? PiiDetector.Default.Detect(text) : [];
        var piiElapsed = Stopwatch.GetElapsedTime(piiStarted);

        var degraded = new List<string>();
        if (tiers.Models.Asked && tiers.Models.FastText is null)
        {
            degraded.Add("fasttext");
        }

        if (tiers.Models.Asked && tiers.Models.Kobert is null)
        {
            degraded.Add("kobert");
        }

        // Not configured is degraded even where the policy would not have asked: the tier is missing, not resting.
        if (verdict is { Degraded: true } || (verdict is null && !judge.IsConfigured))
        {
            degraded.Add("llm");
        }

        var decidedByLlm = verdict is { Outcome: LlmOutcome.Safe or LlmOutcome.Unsafe };
        var abusive = decidedByLlm ? verdict!.Outcome == LlmOutcome.Unsafe : tiers.Decision.Abusive;
        return new TextDetectionResult(tiers, verdict, pii ? entities : null, abusive, decidedByLlm, degraded,
            new TierTimes(tiers.Models.LexiconElapsed, tiers.Models.ModelsElapsed, judgeElapsed, piiElapsed, Stopwatch.GetElapsedTime(started)));
    }
}

/// <summary>How long each tier took, and the whole.</summary>
internal sealed record TierTimes(TimeSpan Lexicon, TimeSpan Models, TimeSpan Llm, TimeSpan Pii, TimeSpan Total);

/// <summary>What <see cref="TextDetection"/> found; <see cref="Verdict"/> is null when the LLM was not asked, <see cref="Personal"/> when the identifier was not.</summary>
internal sealed record TextDetectionResult(
    TextAnalysis Tiers, LlmVerdict? Verdict, IReadOnlyList<PiiEntity>? Personal, bool Abusive, bool DecidedByLlm,
    IReadOnlyList<string> Degraded, TierTimes Times)
{
    public IReadOnlyList<PiiEntity> Entities => Personal ?? [];

    public IReadOnlyList<string> Categories =>
        [.. Tiers.Detections.Select(d => d.Category).Concat(Verdict?.Categories ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>What events and statistics keep of the deeper tiers: the verdict, its categories, the labels found.</summary>
    public IReadOnlyList<FindingCount> Findings()
    {
        List<FindingCount> findings = [.. PiiRequestRules.Findings(Entities)];
        if (Verdict is { } verdict)
        {
            findings.Add(new FindingCount(FindingKinds.LlmVerdict, verdict.Outcome.Name(), 1));
            findings.AddRange(verdict.Categories.Select(c => new FindingCount(FindingKinds.LlmCategory, c, 1)));
        }

        return findings;
    }

    public DetectTextResponse ToResponse(Guid trackingId)
    {
        var text = Tiers.Text;
        var hits = Tiers.Detections.Select(d => new DetectedWord(d.Length, d.FilteredWord, d.Matched, d.Start, d.Lang, d.Category, d.Severity)).ToList();
        var llm = Verdict is { } v
            ? new LlmTierAnswer(v.Outcome.Name(), v.Categories, string.IsNullOrEmpty(v.Reason) ? null : v.Reason, v.Score, v.Cached, v.Failure?.Name(), Ms(Times.Llm))
            : new LlmTierAnswer("skipped", [], null, null, false, null, 0);
        return new DetectTextResponse(
            trackingId, Abusive, Math.Round(DecidedByLlm && Verdict!.Score is { } s ? s : Tiers.Decision.Score, 4), DecidedByLlm ? "llm" : "lexicon+ml",
            Tiers.Lang, Categories, Entities.Count > 0, MaskedText.Of(text, Abusive ? Tiers.Detections : [], Entities),
            new LexiconTierAnswer(hits, Ms(Times.Lexicon)),
            new ModelTierAnswer(Round(Tiers.Models.FastText), Round(Tiers.Models.Kobert), Math.Round(Tiers.Decision.Score, 4), Tiers.Decision.Abusive, Ms(Times.Models)),
            llm,
            Personal is not null
                ? new PiiTierAnswer(PiiRequestRules.Answers(text, Entities), PiiAnonymizer.Apply(text, Entities, PiiOperator.Placeholder), Ms(Times.Pii))
                : null,
            Degraded, Ms(Times.Total));
    }

    private static double Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
