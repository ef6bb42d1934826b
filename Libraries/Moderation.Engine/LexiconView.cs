namespace Moderation.Engine;

/// <summary>The lexicon tier's view of a text for the ML tier (<see cref="ModerationEngine.Inspect"/>).</summary>
/// <param name="Detections">The hits, as <see cref="ModerationEngine.Detect"/> finds them.</param>
/// <param name="ModelText">The text with every allowlisted word replaced by spaces (same length, same positions).</param>
public readonly record struct LexiconView(IReadOnlyList<Detection> Detections, string ModelText)
{
    /// <summary>
    /// Whether a hit is spelled other than its lexicon entry (시1발, tlqkf, ｆｕｃｋ, 操你媽) or is a consonant
    /// abbreviation (ㅅㅂ, ㅂㅅ): spellings the models rarely saw and do not read, so the lexicon tier decides alone.
    /// </summary>
    public bool HasEvasion => Detections.Any(d =>
        !d.Matched.Contains(d.FilteredWord, StringComparison.OrdinalIgnoreCase) || d.FilteredWord.All(IsCompatibilityJamo));

    private static bool IsCompatibilityJamo(char c) => c is >= '\u3131' and <= '\u318E';
}
