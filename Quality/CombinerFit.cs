using Moderation.Engine.Scoring;

namespace Quality;

/// <summary>What every tier said about one labelled text.</summary>
/// <param name="FastText">The model's score for the text itself (the model alone).</param>
/// <param name="CombinedFastText">Its score for the text the analysis sends (allowlisted words blanked); null when nothing is left to send.</param>
internal sealed record TierObservation(
    string Lang, string GuessedLang, bool Label, bool LexiconHit, bool LexiconEvasion,
    double FastText, double Kobert, double? CombinedFastText, double? CombinedKobert);

/// <summary>
/// Fits <see cref="TierCombiner"/>'s weights: per language and per set of answering tiers, an L2-regularised
/// logistic regression (Newton's method, four parameters) on the tiers' outputs, so the score is a probability
/// (the calibration table checks it), then the thresholds. <c>chat</c> takes the F1 optimum. <c>community</c> flags
/// the lexicon hits chat flags and as much more as it can while flagging no more than a ceiling of the clean texts (5% unless <c>--community-fpr</c> says
/// otherwise): the lowest threshold that keeps to it. Where chat's optimum already stays within the ceiling
/// (English), community flags everything chat flags and more; where it does not (Korean and Chinese, whose F1 optimum
/// flags a fifth to a third of clean texts), community is the stricter of the two on false positives, since the
/// ceiling is the operator's promise.
/// </summary>
internal static class CombinerFit
{
    public const double DefaultCommunityFalsePositiveRate = 0.05;

    private const double Ridge = 1.0;
    private const int Iterations = 50;

    public static TierCombiner Fit(IReadOnlyList<TierObservation> observations, double maxCommunityFalsePositiveRate = DefaultCommunityFalsePositiveRate)
    {
        var weights = new Dictionary<string, IReadOnlyDictionary<string, CombinerWeights>>();
        foreach (var lang in TierCombiner.Languages)
        {
            // Grouped by the language the analysis will guess, as that picks the weights at run time.
            var rows = observations.Where(o => o.GuessedLang == lang).ToList();
            var sets = new Dictionary<string, CombinerWeights>();
            foreach (var set in TierCombiner.TierSets)
            {
                var (useFastText, useKobert) = (set.Contains("fasttext", StringComparison.Ordinal), set.Contains("kobert", StringComparison.Ordinal));
                sets[set] = FitTierSet(rows, useFastText, useKobert, maxCommunityFalsePositiveRate);
            }

            weights[lang] = sets;
        }

        return new TierCombiner(weights);
    }

    /// <summary>The scores the analysis combines for this text when <paramref name="fastText"/> and <paramref name="kobert"/> answer.</summary>
    public static TierScores Scores(TierObservation o, bool fastText, bool kobert) =>
        new(o.LexiconHit, fastText ? o.CombinedFastText : null, kobert ? o.CombinedKobert : null, o.LexiconEvasion);

    public static CombinerWeights FitTierSet(List<TierObservation> rows, bool useFastText, bool useKobert, double maxFalsePositiveRate)
    {
        var x = rows.Select(r =>
        {
            var f = TierCombiner.Features(Scores(r, useFastText, useKobert));
            return new[] { 1, f.Lexicon, f.FastText, f.Kobert };
        }).ToArray();
        var forced = rows.Select(r => r.LexiconEvasion).ToArray();
        var y = rows.Select(r => r.Label ? 1.0 : 0.0).ToArray();
        var w = new double[4];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var gradient = new double[4];
            var hessian = new double[4, 4];
            for (var j = 1; j < 4; j++)
            {
                gradient[j] = Ridge * w[j]; // the bias is not shrunk
                hessian[j, j] = Ridge;
            }

            hessian[0, 0] = 1e-6;
            for (var i = 0; i < x.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-Dot(w, x[i])));
                for (var a = 0; a < 4; a++)
                {
                    gradient[a] += (p - y[i]) * x[i][a];
                    for (var b = 0; b < 4; b++)
                    {
                        hessian[a, b] += p * (1 - p) * x[i][a] * x[i][b];
                    }
                }
            }

            var step = Solve(hessian, gradient);
            for (var a = 0; a < 4; a++)
            {
                w[a] -= step[a];
            }
        }

        var candidate = new CombinerWeights(w[0], w[1], w[2], w[3], 0.5, 0.5);
        if (!useFastText && !useKobert)
        {
            // Both models down: the lexicon tier decides alone, as /filter would (a threshold below both scores
            // would flag every text of a language with many positives, which is no answer at all).
            var (miss, hit) = (TierCombiner.Score(candidate, (0, 0, 0)), TierCombiner.Score(candidate, (1, 0, 0)));
            var between = (miss + hit) / 2;
            return candidate with { ChatThreshold = between, CommunityThreshold = between };
        }

        // An evasion spelling decides on its own (TierCombiner.Decide): flagged at every threshold. For community, so does
        // a plain hit that chat flags.
        var scores = x.Select((row, i) => forced[i] ? double.PositiveInfinity : TierCombiner.Score(candidate, (row[1], row[2], row[3]))).ToArray();
        var chat = BestF1Threshold(scores, y, min: 0);
        var communityScores = scores.Select((score, i) => x[i][1] > 0 && score >= chat ? double.PositiveInfinity : score).ToArray();
        var community = LowestThresholdWithin(communityScores, y, maxFalsePositiveRate);
        return candidate with { ChatThreshold = chat, CommunityThreshold = community };
    }

    /// <summary>The thresholds tried: a grid fine enough that the false-positive ceiling is met closely.</summary>
    private static IEnumerable<double> Grid(double min) =>
        Enumerable.Range(1, 999).Select(step => step / 1000.0).Where(t => t >= min - 1e-12);

    /// <summary>The lowest threshold whose false-positive rate on these rows stays within <paramref name="ceiling"/>.</summary>
    public static double LowestThresholdWithin(double[] scores, double[] labels, double ceiling)
    {
        var negatives = labels.Count(l => l == 0);
        foreach (var threshold in Grid(0))
        {
            var falsePositives = scores.Where((s, i) => labels[i] == 0 && s >= threshold).Count();
            if (falsePositives <= ceiling * negatives)
            {
                return threshold;
            }
        }

        return 0.999;
    }

    /// <summary>The threshold with the highest F1 among those at or above <paramref name="min"/>.</summary>
    public static double BestF1Threshold(double[] scores, double[] labels, double min)
    {
        var (best, bestF) = (min, -1.0);
        foreach (var threshold in Grid(min))
        {
            double tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var flagged = scores[i] >= threshold;
                (tp, fp, fn) = (flagged, labels[i] == 1) switch
                {
                    (true, true) => (tp + 1, fp, fn),
                    (true, false) => (tp, fp + 1, fn),
                    (false, true) => (tp, fp, fn + 1),
                    _ => (tp, fp, fn),
                };
            }

            var f = tp == 0 ? 0 : 2 * tp / ((2 * tp) + fn + fp);
            if (f > bestF)
            {
                (best, bestF) = (threshold, f);
            }
        }

        return best;
    }

    private static double Dot(double[] w, double[] x) => (w[0] * x[0]) + (w[1] * x[1]) + (w[2] * x[2]) + (w[3] * x[3]);

    /// <summary>Gaussian elimination with partial pivoting for the 4×4 Newton step.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                v[row] -= factor * v[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = v[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= m[row, k] * x[k];
            }

            x[row] = sum / m[row, row];
        }

        return x;
    }
}
