using Moderation.Engine.Scoring;

namespace Quality;

/// <param name="Low">The bin holds scores from <paramref name="Low"/> up to (not including) <paramref name="High"/>; the last bin includes 1.</param>
/// <param name="Observed">The share of abusive texts among the bin's texts.</param>
internal sealed record ReliabilityBin(double Low, double High, int Count, double MeanScore, double Observed);

/// <param name="ExpectedError">Expected calibration error: Σ (bin texts / texts) · |mean score − observed share|.</param>
internal sealed record Reliability(string Lang, int Count, IReadOnlyList<ReliabilityBin> Bins, double ExpectedError);

/// <summary>
/// Whether the combined <c>score</c> means what it says, per language: of the texts scored about 0.3, about 30% should
/// be abusive. Ten equal-width bins of the score POST /api/v1/analyze returns with both models answering.
/// </summary>
internal static class Calibration
{
    public const int BinCount = 10;

    /// <summary>The gate: an expected calibration error at most this in every language.</summary>
    public const double MaxExpectedError = 0.05;

    public static IReadOnlyList<Reliability> Measure(IReadOnlyList<TierObservation> observations, TierCombiner combiner) =>
        [.. TierCombiner.Languages.Select(lang =>
        {
            var scored = observations.Where(o => o.Lang == lang)
                .Select(o => (Score: combiner.Combine(o.GuessedLang, CombinerFit.Scores(o, fastText: true, kobert: true), AnalysisTarget.Chat).Score, o.Label))
                .ToList();
            var bins = Enumerable.Range(0, BinCount).Select(b =>
            {
                var inBin = scored.Where(s => Math.Min((int)(s.Score * BinCount), BinCount - 1) == b).ToList();
                return new ReliabilityBin((double)b / BinCount, (double)(b + 1) / BinCount, inBin.Count,
                    inBin.Count == 0 ? 0 : inBin.Average(s => s.Score), inBin.Count == 0 ? 0 : inBin.Average(s => s.Label ? 1.0 : 0.0));
            }).ToList();
            var error = scored.Count == 0 ? 0 : bins.Sum(b => (double)b.Count / scored.Count * Math.Abs(b.MeanScore - b.Observed));
            return new Reliability(lang, scored.Count, bins, error);
        })];
}
