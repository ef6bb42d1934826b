using Moderation.Engine.Lexicon;

namespace Moderation.Engine;

/// <summary>
/// The lexicon tier: normalisation that defeats evasion spellings, a multi-pattern automaton, the allowlist,
/// and spans mapped back to the original text. Immutable and thread-safe; build a new one to change lexicons.
/// </summary>
public sealed partial class ModerationEngine
{
    /// <summary>Builds an engine over <paramref name="lexicon"/>.</summary>
    public static ModerationEngine Create(Lexicon.Lexicon lexicon) => throw new NotImplementedException("engine in progress");

    /// <summary>An engine over the built-in lexicons.</summary>
    public static ModerationEngine CreateDefault() => Create(Lexicon.Lexicon.BuiltIn);

    public Lexicon.Lexicon Lexicon { get; } = null!;

    /// <summary>Finds lexicon hits in <paramref name="text"/>, in order of their start. <paramref name="firstOnly"/> stops at the first.</summary>
    public IReadOnlyList<Detection> Detect(string text, bool firstOnly = false) => throw new NotImplementedException();

    /// <summary>Replaces every text element inside a detection's span with <paramref name="mask"/>; everything else is kept as is.</summary>
    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask = '*') => throw new NotImplementedException();
}
