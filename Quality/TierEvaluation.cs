using System.Globalization;
using Moderation.Engine;
using Moderation.Engine.Scoring;
using Moderation.ModelServers;

namespace Quality;

/// <summary>Each tier alone and the combined decisions, per language.</summary>
internal sealed record TierTables(
    ConfusionTable Lexicon, ConfusionTable FastText, ConfusionTable Kobert, ConfusionTable Chat, ConfusionTable Community)
{
    public IEnumerable<(string Tier, ConfusionTable Table)> All =>
        [("lexicon", Lexicon), ("fasttext", FastText), ("kobert", Kobert), ("combined (chat)", Chat), ("combined (community)", Community)];
}

/// <summary>
/// The ML tier on labelled texts: the lexicon tier (QUICK), each model at its own per-language threshold (from its
/// <c>/health</c>), and the combination exactly as <c>POST /api/v1/analyze</c> makes it.
/// </summary>
internal static class TierEvaluation
{
    public static async Task<IReadOnlyList<TierObservation>> ObserveAsync(
        ModerationEngine engine, IReadOnlyList<LabelledText> items, ModelServerProcess fastText, ModelServerProcess kobert)
    {
        // Each model alone reads the text; the analysis sends the text with allowlisted words blanked, so those
        // few are scored twice.
        var views = items.Select(i => engine.Inspect(i.Text)).ToList();
        var texts = items.Select(i => i.Text).ToList();
        var blanked = Enumerable.Range(0, items.Count).Where(i => views[i].ModelText != texts[i] && !string.IsNullOrWhiteSpace(views[i].ModelText)).ToList();
        var all = texts.Concat(blanked.Select(i => views[i].ModelText)).ToList();
        var fastTextScores = fastText.PredictAllAsync(all);
        var kobertScores = kobert.PredictAllAsync(all);
        var (f, k) = (await fastTextScores, await kobertScores);
        var sent = blanked.Select((item, j) => (item, j)).ToDictionary(p => p.item, p => texts.Count + p.j);
        return [.. items.Select((item, i) =>
        {
            var view = views[i];
            var index = sent.GetValueOrDefault(i, i);
            var asked = !string.IsNullOrWhiteSpace(view.ModelText);
            return new TierObservation(item.Lang, LanguageGuess.Of(item.Text), item.Label == 1, view.Detections.Count > 0, view.HasEvasion,
                f[i].Toxic, k[i].Toxic, asked ? f[index].Toxic : null, asked ? k[index].Toxic : null);
        })];
    }

    public static TierTables Evaluate(IReadOnlyList<TierObservation> observations, ModelHealth fastText, ModelHealth kobert, TierCombiner combiner)
    {
        var tables = new TierTables(Table(), Table(), Table(), Table(), Table());
        foreach (var o in observations)
        {
            var scores = CombinerFit.Scores(o, fastText: true, kobert: true);
            tables.Lexicon.Add(o.Lang, o.LexiconHit, o.Label);
            tables.FastText.Add(o.Lang, o.FastText >= Threshold(fastText, o.GuessedLang), o.Label);
            tables.Kobert.Add(o.Lang, o.Kobert >= Threshold(kobert, o.GuessedLang), o.Label);
            tables.Chat.Add(o.Lang, combiner.Combine(o.GuessedLang, scores, AnalysisTarget.Chat).Abusive, o.Label);
            tables.Community.Add(o.Lang, combiner.Combine(o.GuessedLang, scores, AnalysisTarget.Community).Abusive, o.Label);
        }

        return tables;
    }

    private static double Threshold(ModelHealth health, string lang) =>
        health.Thresholds.TryGetValue(lang, out var threshold) ? threshold : health.Thresholds["en"];

    private static ConfusionTable Table() => new(TierCombiner.Languages);
}

/// <summary>
/// The ML tier's gate on dev.jsonl, per language: each model about matches the lexicon tier or beats it, the combined (chat) decision
/// beats every single tier, and it does not fall below <see cref="Floors"/> (what the committed models reach, less
/// 0.01: a retrained model or a refitted combiner may move a little, not regress); community flags at most
/// <see cref="MaxCommunityFalsePositiveRate"/> of clean texts and the score's expected calibration error stays within
/// <see cref="Calibration.MaxExpectedError"/>, in every language. <see cref="Targets"/> are the
/// goals of the ML-tier issue; the report says how far each language is from its target without failing on it.
/// </summary>
internal static class TierGate
{
    public static readonly IReadOnlyDictionary<string, double> Targets = new Dictionary<string, double> { ["ko"] = 0.78, ["en"] = 0.97, ["zh"] = 0.88 };

    /// <summary>
    /// How far a model alone may trail the lexicon tier on dev. English dev is mostly Davidson, whose labels follow slurs
    /// and swear words, so the word list scores 0.973 there; a model trained on more English sources (chosen because it
    /// generalises better to sources it never saw) may sit a hair below it. The combination must still beat every tier.
    /// </summary>
    public const double ModelTolerance = 0.005;

    /// <summary>The community decision's ceiling on dev (the default of <c>--community-fpr</c>, which the fit keeps to).</summary>
    public const double MaxCommunityFalsePositiveRate = CombinerFit.DefaultCommunityFalsePositiveRate;

    public static readonly IReadOnlyDictionary<string, double> Floors = new Dictionary<string, double> { ["ko"] = 0.75, ["en"] = 0.967, ["zh"] = 0.859 };

    public static IReadOnlyList<string> Evaluate(TierTables tables, IReadOnlyList<Reliability> reliability)
    {
        var failures = new List<string>();
        foreach (var lang in TierCombiner.Languages)
        {
            var (lexicon, fastText, kobert, combined) = (F1(tables.Lexicon, lang), F1(tables.FastText, lang), F1(tables.Kobert, lang), F1(tables.Chat, lang));
            void Require(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{lang}: {what}"));
                }
            }

            Require(fastText >= lexicon - ModelTolerance, $"fastText F1 {fastText:0.000} below the lexicon's {lexicon:0.000}");
            Require(kobert >= lexicon - ModelTolerance, $"kobert F1 {kobert:0.000} below the lexicon's {lexicon:0.000}");
            Require(combined > Math.Max(lexicon, Math.Max(fastText, kobert)), $"combined F1 {combined:0.000} does not beat every single tier");
            Require(combined >= Floors[lang], $"combined F1 {combined:0.000} fell below the floor {Floors[lang]:0.000}");
            var community = Row(tables.Community, lang);
            Require(community.FalsePositiveRate <= MaxCommunityFalsePositiveRate,
                $"community false-positive rate {community.FalsePositiveRate:0.000} above {MaxCommunityFalsePositiveRate:0.00}");
            var error = reliability.First(r => r.Lang == lang).ExpectedError;
            Require(error <= Calibration.MaxExpectedError, $"expected calibration error {error:0.000} above {Calibration.MaxExpectedError:0.00}");
        }

        return failures;
    }

    /// <summary>One line per language: the combined F1 against the issue's target.</summary>
    public static IEnumerable<string> TargetLines(TierTables tables) => TierCombiner.Languages.Select(lang =>
    {
        var (f1, target) = (F1(tables.Chat, lang), Targets[lang]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{lang}: combined F1 {f1:0.000}, target {target:0.00}: {(f1 >= target ? "reached" : $"NOT reached ({target - f1:0.000} short)")}");
    });

    private static double F1(ConfusionTable table, string lang) => Row(table, lang).F1 ?? 0;

    private static Confusion Row(ConfusionTable table, string lang) => table.Rows.First(r => r.Key == lang).Confusion;
}
