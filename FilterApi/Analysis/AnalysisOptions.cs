using System.ComponentModel.DataAnnotations;
using Moderation.Engine.Scoring;
using Moderation.ModelServers;

namespace FilterApi.Analysis;

/// <summary>The ML tier's calls to the model servers (section <c>Analysis</c>).</summary>
internal sealed class AnalysisOptions : IValidatableObject
{
    public const string Section = "Analysis";

    /// <summary>How long a request waits for the models; past it, the answer comes from the tiers that did answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ModelTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most texts sent to a model server in one <c>/predict</c> call (the servers take up to 64).</summary>
    [Range(1, 64)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>Batches in flight per model server at once; more requests wait and join the next batch.</summary>
    [Range(1, 64)]
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Texts waiting for a model server; when full, new texts skip that model (degraded) instead of queueing.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>How long a model server that keeps failing is left alone before the next try (circuit breaker).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest accepted <c>text</c>; the model servers take at most 10,000 characters.</summary>
    [Range(1, ModelServerLimits.MaxTextLength)]
    public int MaxTextLength { get; set; } = ModelServerLimits.MaxTextLength;

    /// <summary>
    /// Thresholds that replace the fitted ones, per language (<c>ko</c>, <c>en</c>, <c>zh</c>) and target, as
    /// probabilities: <c>Analysis:Thresholds:ko:Community=0.6</c>. The combined score is calibrated per language
    /// (README, "Quality"), so 0.6 flags texts that are abusive at least 60% of the time on dev.
    /// </summary>
    public Dictionary<string, ThresholdOverride> Thresholds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (lang, given) in Thresholds)
        {
            if (!TierCombiner.Languages.Contains(lang))
            {
                yield return new ValidationResult($"Analysis:Thresholds: '{lang}' is not one of {string.Join(", ", TierCombiner.Languages)}", [nameof(Thresholds)]);
            }

            foreach (var (target, value) in new[] { ("Chat", given.Chat), ("Community", given.Community) })
            {
                if (value is < 0 or > 1)
                {
                    yield return new ValidationResult($"Analysis:Thresholds:{lang}:{target} must be from 0 to 1, not {value}", [nameof(Thresholds)]);
                }
            }
        }
    }
}

/// <summary>One language's thresholds in configuration; an absent target keeps the fitted threshold.</summary>
internal sealed class ThresholdOverride
{
    public double? Chat { get; set; }

    public double? Community { get; set; }
}
