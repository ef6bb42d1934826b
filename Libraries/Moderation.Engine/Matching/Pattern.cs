using Moderation.Engine.Lexicons;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>
/// A normalised term as the automaton sees it: one symbol per run of a letter, with the run lengths the text must
/// reach (<c>ass</c> is <c>a s</c> with s at least twice, so <c>as</c> is not <c>ass</c> but <c>asss</c> is).
/// </summary>
/// <param name="Symbols">Normalised characters, later symbol ids.</param>
/// <param name="Runs">Minimum run length per symbol, or null when every run is 1.</param>
/// <param name="Source">Index of the lexicon entry (or allowlist entry when <paramref name="IsAllow"/>).</param>
/// <param name="Variant">How the pattern was derived from its term (<see cref="PatternVariant"/>).</param>
internal sealed record Pattern(int[] Symbols, byte[]? Runs, int Source, bool IsAllow, MatchScope Scope, Script Script, PatternVariant Variant = PatternVariant.Term)
{
    /// <summary>
    /// A profane term as written, anywhere, any run length: a match without gaps needs no check but the distance
    /// between Hangul syllables (<see cref="MatchVerifier.IsMatch"/>'s shortcut).
    /// </summary>
    /// <remarks>Computed on each read, not stored: <c>with</c> copies a stored value into variants it no longer fits.</remarks>
    public bool IsPlain => IsPlainTerm && Scope == MatchScope.Substring;

    /// <summary>
    /// A profane term as written, any run length, whatever its scope: matched without gaps, a prefix must only start
    /// a word and a suffix end one (<see cref="MatchVerifier.IsGaplessScopeMatch"/>).
    /// </summary>
    public bool IsPlainTerm => Runs is null && !IsAllow && Variant == PatternVariant.Term;
}
