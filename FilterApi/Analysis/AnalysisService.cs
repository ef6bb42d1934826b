using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Engine;
using Moderation.Engine.Scoring;

namespace FilterApi.Analysis;

/// <summary>The outcome of all tiers for one text.</summary>
/// <param name="Degraded">A model did not answer; the decision comes from the tiers that did.</param>
/// <param name="Detections">The lexicon tier's hits.</param>
/// <param name="Models">What each model said, and how long the tiers took.</param>
internal sealed record TextAnalysis(
    string Text, string Rewritten, string Lang, TierDecision Decision, IReadOnlyList<string> BadWords,
    bool Degraded, IReadOnlyList<Detection> Detections, ModelReadings Models);

/// <summary>The ML tier's parts of a <see cref="TextAnalysis"/>.</summary>
/// <param name="FastText">fastText's toxic probability, or null when it did not answer (or was not asked).</param>
/// <param name="Kobert">The transformer's toxic probability, or null likewise.</param>
/// <param name="Asked">Whether the models were asked at all (not when only allowlisted words remain).</param>
internal sealed record ModelReadings(double? FastText, double? Kobert, bool Asked, TimeSpan LexiconElapsed, TimeSpan ModelsElapsed);

/// <summary>Runs the lexicon tier and both models for one text and combines them (<see cref="TierCombiner"/>).</summary>
internal sealed class AnalysisService(EngineHolder engines, TierCombiner combiner, ModelTiers models, IOptions<AnalysisOptions> options)
{
    public async Task<TextAnalysis> AnalyzeAsync(string text, AnalysisTarget target, CancellationToken cancellationToken)
    {
        // The lexicon first (microseconds): the models read the text with its allowlisted words blanked out.
        var started = Stopwatch.GetTimestamp();
        var view = engines.Current.Inspect(text);
        var detections = view.Detections;
        var lang = LanguageGuess.Of(text);
        var lexiconElapsed = Stopwatch.GetElapsedTime(started);
        if (string.IsNullOrWhiteSpace(view.ModelText))
        {
            // Nothing but allowlisted words (시발점): nothing for the models to judge, and nothing degraded.
            var clean = combiner.Combine(lang, new TierScores(detections.Count > 0, null, null, view.HasEvasion), target);
            return new TextAnalysis(text, text, lang, clean, [], false, detections, new ModelReadings(null, null, false, lexiconElapsed, TimeSpan.Zero));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.ModelTimeout);
        var fastText = models.FastText.TryPredictAsync(view.ModelText, deadline.Token);
        var kobert = models.Kobert.TryPredictAsync(view.ModelText, deadline.Token);
        var (fastTextResult, kobertResult) = (await fastText, await kobert);
        cancellationToken.ThrowIfCancellationRequested(); // the client left: no answer to shape
        var readings = new ModelReadings(fastTextResult?.Toxic, kobertResult?.Toxic, true, lexiconElapsed, Stopwatch.GetElapsedTime(started) - lexiconElapsed);

        var decision = combiner.Combine(
            lang, new TierScores(detections.Count > 0, fastTextResult?.Toxic, kobertResult?.Toxic, view.HasEvasion), target);
        var degraded = fastTextResult is null || kobertResult is null;
        if (!decision.Abusive)
        {
            return new TextAnalysis(text, text, lang, decision, [], degraded, detections, readings);
        }

        var spans = new List<Detection>(detections);
        foreach (var word in fastTextResult?.Words ?? [])
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0 && word.Length > 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                spans.Add(new Detection(at, word.Length, word, word, lang, "model", 0));
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var badWords = spans.Select(s => s.Matched).Distinct(StringComparer.Ordinal).ToList();
        return new TextAnalysis(text, ModerationEngine.Mask(text, Disjoint(spans)), lang, decision, badWords, degraded, detections, readings);
    }

    /// <summary>Overlapping spans (a lexicon hit inside a model word) merged, as masking wants them.</summary>
    private static List<Detection> Disjoint(List<Detection> sorted)
    {
        var merged = new List<Detection>(sorted.Count);
        foreach (var span in sorted)
        {
            if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                var end = Math.Max(last.Start + last.Length, span.Start + span.Length);
                merged[^1] = last with { Length = end - last.Start };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}
