using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Engine.Scoring;

/// <summary>
/// Where a text will be shown: <c>chat</c> decides at the F1 optimum; <c>community</c> (posts) flags the listed words
/// chat flags and as much more as it can while flagging at most a ceiling of clean texts (5% on dev), so a post stays
/// up unless the gateway is fairly sure.
/// </summary>
public enum AnalysisTarget
{
    Chat,
    Community,
}

/// <summary>What each tier said about one text; a null model score means that model did not answer.</summary>
/// <param name="LexiconEvasion">A hit spelled to evade (<see cref="LexiconView.HasEvasion"/>): the lexicon decides alone.</param>
public readonly record struct TierScores(bool LexiconHit, double? FastText, double? Kobert, bool LexiconEvasion = false);

/// <param name="Score">Probability that the text is abusive, 0–1, from the tiers that answered.</param>
/// <param name="Abusive">Whether the score reaches the target's threshold.</param>
public readonly record struct TierDecision(double Score, bool Abusive);

/// <summary>
/// One language's logistic combination of the tiers: <c>score = σ(bias + lexicon·hit + fasttext·logit(p) + kobert·logit(q))</c>
/// with a threshold per target.
/// </summary>
public sealed record CombinerWeights(
    double Bias, double Lexicon, double FastText, double Kobert, double ChatThreshold, double CommunityThreshold);

/// <summary>
/// Combines the lexicon tier and the two models into one decision, per language. There is a fitted set of weights
/// for every set of tiers that can answer (both models, either one, the lexicon alone), so a model server that is
/// down changes which weights apply instead of skewing the score. The weights are fitted by the quality command
/// (<c>Quality --fit</c>) and ship inside this assembly as <c>Scoring/combiner.json</c>.
/// </summary>
public sealed class TierCombiner
{
    private const double Clamp = 1e-4;
    private readonly FrozenDictionary<string, FrozenDictionary<string, CombinerWeights>> _weights;

    public TierCombiner(IReadOnlyDictionary<string, IReadOnlyDictionary<string, CombinerWeights>> weights)
    {
        foreach (var lang in Languages)
        {
            foreach (var tiers in TierSets)
            {
                if (!weights.TryGetValue(lang, out var sets) || !sets.ContainsKey(tiers))
                {
                    throw new ArgumentException($"combiner weights are missing for {lang}/{tiers}", nameof(weights));
                }
            }
        }

        _weights = weights.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Languages { get; } = ["ko", "en", "zh"];

    public static IReadOnlyList<string> TierSets { get; } = ["lexicon", "lexicon+fasttext", "lexicon+kobert", "lexicon+fasttext+kobert"];

    public IReadOnlyDictionary<string, FrozenDictionary<string, CombinerWeights>> Weights => _weights;

    /// <summary>The tier set name for the models that answered.</summary>
    private static string TierSet(bool fastText, bool kobert) => (fastText, kobert) switch
    {
        (true, true) => "lexicon+fasttext+kobert",
        (true, false) => "lexicon+fasttext",
        (false, true) => "lexicon+kobert",
        _ => "lexicon",
    };

    public TierDecision Combine(string lang, TierScores scores, AnalysisTarget target)
    {
        var sets = _weights.GetValueOrDefault(lang, _weights["en"]);
        return Decide(sets[TierSet(scores.FastText.HasValue, scores.Kobert.HasValue)], sets["lexicon"], scores, target);
    }

    /// <summary>
    /// This combiner with an operator's thresholds where given (per language and target, a probability: the score is
    /// calibrated, so one threshold means the same whichever models answered); the fitted ones elsewhere.
    /// </summary>
    public TierCombiner WithThresholds(IReadOnlyDictionary<string, TargetThresholds> thresholds) =>
        new(_weights.ToDictionary(
            l => l.Key,
            l => (IReadOnlyDictionary<string, CombinerWeights>)l.Value.ToDictionary(
                set => set.Key,
                set => thresholds.TryGetValue(l.Key, out var given)
                    ? set.Value with
                    {
                        ChatThreshold = given.Chat ?? set.Value.ChatThreshold,
                        CommunityThreshold = given.Community ?? set.Value.CommunityThreshold,
                    }
                    : set.Value,
                StringComparer.Ordinal),
            StringComparer.Ordinal));

    /// <summary>The decision under one set of weights; <paramref name="lexiconAlone"/> says what a hit alone is worth.</summary>
    public static TierDecision Decide(CombinerWeights w, CombinerWeights lexiconAlone, TierScores scores, AnalysisTarget target)
    {
        var score = Score(w, Features(scores));
        if (scores.LexiconEvasion)
        {
            // An evasion spelling is abusive whatever the models say: they were never shown most of them (시1발,
            // ㅅㅂ, tlqkf) and would otherwise outvote the tier that reads through them. The score is at least what a
            // hit alone is worth. A plainly spelled hit is weighed with the models, which see the word and its context.
            return new TierDecision(Math.Max(score, Score(lexiconAlone, (1, 0, 0))), true);
        }

        // Community also flags a plain hit that chat flags: a listed word chat objects to is never let through in a post
        // (the fit counts these against community's false-positive ceiling).
        return target == AnalysisTarget.Community
            ? new TierDecision(score, score >= w.CommunityThreshold || (scores.LexiconHit && score >= w.ChatThreshold))
            : new TierDecision(score, score >= w.ChatThreshold);
    }

    /// <summary>The features the weights apply to, in order: lexicon hit, logit of each model's score (0 when absent).</summary>
    public static (double Lexicon, double FastText, double Kobert) Features(TierScores scores) =>
        (scores.LexiconHit ? 1 : 0, Logit(scores.FastText), Logit(scores.Kobert));

    public static double Score(CombinerWeights w, (double Lexicon, double FastText, double Kobert) x)
    {
        var z = w.Bias + (w.Lexicon * x.Lexicon) + (w.FastText * x.FastText) + (w.Kobert * x.Kobert);
        return 1 / (1 + Math.Exp(-z));
    }

    private static double Logit(double? p) =>
        p is { } value ? Math.Log(Math.Clamp(value, Clamp, 1 - Clamp) / (1 - Math.Clamp(value, Clamp, 1 - Clamp))) : 0;

    public static TierCombiner CreateDefault()
    {
        using var stream = typeof(TierCombiner).Assembly.GetManifestResourceStream("Scoring.combiner.json")
            ?? throw new InvalidOperationException("embedded resource Scoring.combiner.json is missing");
        return Parse(stream);
    }

    public static TierCombiner Parse(Stream json) =>
        new(JsonSerializer.Deserialize(json, CombinerJson.Default.CombinerFile)?.Languages
            ?? throw new InvalidDataException("the combiner file has no languages"));

    public string ToJson(string fittedOn) =>
        JsonSerializer.Serialize(
            new CombinerFile(fittedOn, _weights.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, CombinerWeights>)l.Value)),
            CombinerJson.Default.CombinerFile);
}

/// <summary>An operator's thresholds for one language; null keeps the fitted one.</summary>
public sealed record TargetThresholds(double? Chat, double? Community);

/// <summary>The file form: <c>{"fittedOn": "...", "languages": {"ko": {"lexicon+fasttext+kobert": {...}}}}</c>.</summary>
public sealed record CombinerFile(string FittedOn, IReadOnlyDictionary<string, IReadOnlyDictionary<string, CombinerWeights>> Languages);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CombinerFile))]
internal sealed partial class CombinerJson : JsonSerializerContext;
