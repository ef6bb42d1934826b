using Moderation.Engine.Scoring;

namespace Quality.Tests;

/// <summary>The thresholds the fit chooses, and the calibration measure, on texts whose answers are known.</summary>
public sealed class CombinerFitTests
{
    [Fact]
    public void CommunityTakesTheLowestThresholdThatFlagsNoMoreThanTheCeilingOfCleanTexts()
    {
        // 20 clean texts scored 0.01–0.20 and 20 abusive ones 0.15–0.34: at 5% one clean text may be flagged.
        var scores = Enumerable.Range(1, 20).Select(i => i / 100.0).Concat(Enumerable.Range(15, 20).Select(i => i / 100.0)).ToArray();
        var labels = Enumerable.Repeat(0.0, 20).Concat(Enumerable.Repeat(1.0, 20)).ToArray();

        var threshold = CombinerFit.LowestThresholdWithin(scores, labels, 0.05);

        Assert.InRange(threshold, 0.1905, 0.2); // just above the second-highest clean score
        Assert.Single(scores.Where((s, i) => labels[i] == 0 && s >= threshold));
        Assert.Equal(0.0, CombinerFit.LowestThresholdWithin(scores, labels, 1.0), 2);
    }

    [Fact]
    public void EvasionsFlaggedAtEveryThresholdCountAgainstTheCeiling()
    {
        // Two of ten clean texts are evasion spellings (always flagged): a 20% ceiling leaves no room for more.
        double[] scores = [double.PositiveInfinity, double.PositiveInfinity, 0.9, 0.8, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.95, 0.95];
        double[] labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1];

        Assert.InRange(CombinerFit.LowestThresholdWithin(scores, labels, 0.2), 0.9005, 0.95);
        Assert.InRange(CombinerFit.LowestThresholdWithin(scores, labels, 0.3), 0.8005, 0.9);
    }

    [Fact]
    public void ChatTakesTheF1Optimum()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9, 0.35];
        double[] labels = [0, 0, 0, 1, 1, 1, 1, 0];

        var threshold = CombinerFit.BestF1Threshold(scores, labels, min: 0);

        Assert.InRange(threshold, 0.351, 0.6);
    }

    [Fact]
    public void AFittedCombinerScoresAsAProbabilityAndItsCommunityThresholdKeepsToTheCeiling()
    {
        var observations = Observations(seed: 1, count: 4000);

        var combiner = CombinerFit.Fit(observations, maxCommunityFalsePositiveRate: 0.05);

        var reliability = Calibration.Measure(observations, combiner);
        Assert.All(reliability, r => Assert.True(r.ExpectedError <= Calibration.MaxExpectedError, $"{r.Lang}: {r.ExpectedError}"));
        foreach (var lang in TierCombiner.Languages)
        {
            var clean = observations.Where(o => o.Lang == lang && !o.Label).ToList();
            var flagged = clean.Count(o => combiner.Combine(lang, CombinerFit.Scores(o, true, true), AnalysisTarget.Community).Abusive);
            Assert.True(flagged <= 0.05 * clean.Count, $"{lang}: {flagged} of {clean.Count} clean texts flagged");
        }
    }

    [Fact]
    public void ScoresThatOverstateTheOddsAreReportedAsMiscalibrated()
    {
        var observations = Observations(seed: 2, count: 2000);
        // Every text scored 0.9 whatever it is: half of them are clean, so the error is about 0.4.
        var overconfident = new TierCombiner(TierCombiner.Languages.ToDictionary(
            lang => lang,
            lang => (IReadOnlyDictionary<string, CombinerWeights>)TierCombiner.TierSets.ToDictionary(set => set, _ => new CombinerWeights(Math.Log(9), 0, 0, 0, 0.5, 0.5))));

        var reliability = Calibration.Measure(observations, overconfident);

        Assert.All(reliability, r => Assert.InRange(r.ExpectedError, 0.3, 0.5));
        Assert.All(reliability, r => Assert.Equal(r.Count, r.Bins[9].Count));
    }

    /// <summary>Half abusive; each model's score is a noisy but informative probability; lexicon hits, a few on clean texts.</summary>
    private static List<TierObservation> Observations(int seed, int count)
    {
        var random = new Random(seed);
        var observations = new List<TierObservation>();
        foreach (var lang in TierCombiner.Languages)
        {
            for (var i = 0; i < count; i++)
            {
                var label = i % 2 == 0;
                double Model() => 1 / (1 + Math.Exp(-((label ? 1.5 : -1.5) + (random.NextDouble() * 4) - 2)));
                var (fastText, kobert) = (Model(), Model());
                var hit = random.NextDouble() < (label ? 0.3 : 0.02);
                observations.Add(new TierObservation(lang, lang, label, hit, false, fastText, kobert, fastText, kobert));
            }
        }

        return observations;
    }
}
