using System.ComponentModel.DataAnnotations;

namespace FilterApi.Llm;

/// <summary>When a caller wants the LLM judge: in the grey zone only (the default), for every text, or never.</summary>
internal enum LlmMode
{
    Auto,
    Always,
    Never,
}

/// <summary>The LLM judge (section <c>Llm</c>); the server and model come from <c>ConnectionStrings:ollama</c>.</summary>
internal sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>
    /// How long one judgement may take, cache lookup included; past it the verdict is unknown. A small Qwen on CPU
    /// takes seconds for a 200-token answer, more on its first call while the model loads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Token cap of the answer (Ollama's <c>num_predict</c>); the verdict JSON needs well under 100.</summary>
    [Range(32, 4096)]
    public int MaxOutputTokens { get; set; } = 200;

    /// <summary>How long a safe or unsafe verdict is reused for the same normalised text.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Verdicts kept in this process when Redis is not configured (least recently used go first).</summary>
    [Range(1, 1_000_000)]
    public int CacheCapacity { get; set; } = 10_000;

    /// <summary>
    /// The circuit opens when at least this many calls in <see cref="FailureWindow"/> failed and none succeeded;
    /// timeouts and transport or HTTP errors count, a malformed answer does not (the server is up).
    /// </summary>
    [Range(2, 1000)]
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>The window <see cref="BreakAfterFailures"/> is counted in.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit answers unknown at once before one call tries the server again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lower edge of the grey zone on the combined lexicon+ML score (0–1, the probability that the text is abusive).
    /// Below it the cheaper tiers are confident the text is fine, so <see cref="LlmMode.Auto"/> does not ask the LLM.
    /// </summary>
    [Range(0.0, 1.0)]
    public double GreyZoneLow { get; set; } = 0.25;

    /// <summary>Upper edge of the grey zone: above it the cheaper tiers are confident the text is abusive.</summary>
    [Range(0.0, 1.0)]
    public double GreyZoneHigh { get; set; } = 0.75;

    /// <summary>
    /// Whether a text with this combined score goes to the LLM. <see cref="LlmMode.Auto"/> asks inside the grey zone,
    /// edges included; a score that is NaN (no tier could score the text) is the most uncertain of all, so it asks.
    /// </summary>
    public bool ShouldAsk(LlmMode mode, double combinedScore) => mode switch
    {
        LlmMode.Always => true,
        LlmMode.Never => false,
        _ => double.IsNaN(combinedScore) || (combinedScore >= GreyZoneLow && combinedScore <= GreyZoneHigh),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (GreyZoneLow > GreyZoneHigh)
        {
            yield return new ValidationResult(
                $"{nameof(GreyZoneLow)} ({GreyZoneLow}) must not be above {nameof(GreyZoneHigh)} ({GreyZoneHigh})",
                [nameof(GreyZoneLow), nameof(GreyZoneHigh)]);
        }
    }
}
