using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Engine;
using Moderation.Engine.Lexicons;
using Moderation.Engine.Matching;

namespace Engine.Tests;

/// <summary>
/// The verifier's shortcut for plain terms (<see cref="PlainOutputs"/>) reports what the full check reports: a state
/// has a shortcut only where its one pattern is a plain term, a gapless match there is accepted, or refused (a
/// prefix inside a word, a suffix before more of it), as the full check decides, and one across whitespace that
/// starts inside a word, or a Latin one that ends inside a word, is refused by both.
/// </summary>
public class PlainOutputsTests
{
    private static readonly CompiledLexicon Compiled = PatternCompiler.Compile(Lexicon.BuiltIn);

    // Initials and syllables of listed words, letters and a word of English ones, Han, and what stands between them: spaces,
    // no-break and ideographic spaces, punctuation, digits, an invisible joiner.
    private static readonly string[] Pieces =
    [
        "ㅅ", "ㅂ", "ㄴ", "시", "발", "병", "신", "f", "u", "c", "k", "s", "h", "i", "t", "a", "e", "ｓ", "他", "妈", "shit", "ｓｈｉｔ",
        " ", "\u00A0", "\u3000", ".", "1", "\u200B", "\u200B\u200B\u200B\u200B\u200B\u200B",
    ];

    [Fact]
    public void AStateHasAShortcutOnlyWhereItsOnePatternIsPlain()
    {
        var automaton = Compiled.Automaton;
        var shortcuts = 0;
        for (var state = 0; state < automaton.OutLink.Length; state++)
        {
            var plain = Compiled.PlainOutputs.At(state);
            if (plain.Length == 0)
            {
                continue;
            }

            var patterns = PatternsAt(state).ToList();
            var pattern = Assert.Single(patterns);
            Assert.True(pattern.IsPlainTerm);
            Assert.Equal((pattern.Symbols.Length, pattern.Source, pattern.Scope, pattern.Script), (plain.Length, plain.Source, plain.Scope, plain.Script));
            shortcuts++;
        }

        Assert.True(shortcuts > 100, $"{shortcuts} states with a shortcut");
    }

    [Property(MaxTest = 1_000)]
    public Property AGaplessMatchIsDecidedAsTheFullCheckDecidesIt() =>
        Prop.ForAll(Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary(), ShortcutsDecideAsTheFullCheck);

    /// <summary>
    /// Matches across whitespace that the full check accepts (a Korean word going on after the match, a Latin one
    /// ending before punctuation) or refuses (one starting or, in Latin, ending inside a word).
    /// </summary>
    [Theory]
    [InlineData("개 새끼야")]
    [InlineData("씨 발놈아")]
    [InlineData("shi t.a")]
    [InlineData("shi t a")]
    [InlineData("ｓｈｉｔ ｓｈｉｔ ｓｈｉｔ")]
    [InlineData("shit shit.")]
    [InlineData("ㅅㅂ ㅅㅂ ㅅㅂ")]
    public void MatchesAcrossWhitespaceAreDecidedAsTheFullCheckDecidesThem(string text) =>
        Assert.True(ShortcutsDecideAsTheFullCheck(text));

    /// <summary>
    /// Whether every candidate with a shortcut in <paramref name="text"/> is decided by it as the full check decides:
    /// a gapless match accepted or refused alike, and one across whitespace refused only where the full check refuses it.
    /// </summary>
    private static bool ShortcutsDecideAsTheFullCheck(string text)
    {
        var records = new SymbolRecord[text.Length + 1];
        using var candidates = new PooledList<Candidate>(text.Length + 1);
        var count = new SymbolScanner(text, Compiled.Table, records, Compiled.Automaton, candidates).Run();
        var scanned = records.AsSpan(0, count);
        foreach (var candidate in candidates.AsSpan())
        {
            var plain = Compiled.PlainOutputs.At(candidate.State);
            var first = candidate.RecordIndex - plain.Length + 1;
            if (plain.Length == 0)
            {
                continue;
            }

            var accepted = MatchVerifier.IsMatch(PatternsAt(candidate.State).Single(), scanned, candidate.RecordIndex, text);
            if ((MatchVerifier.IsGapless(scanned, first, candidate.RecordIndex)
                    && MatchVerifier.IsGaplessScopeMatch(plain.Scope, scanned, first, candidate.RecordIndex) != accepted)
                || (MatchVerifier.CrossesSpaceInsideWord(plain.Script, scanned, first, candidate.RecordIndex) && accepted))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every pattern a candidate at <paramref name="state"/> may yield, along its output chain.</summary>
    private static IEnumerable<Pattern> PatternsAt(int state)
    {
        var automaton = Compiled.Automaton;
        for (var q = automaton.OutLink[state]; q >= 0; q = q == 0 ? -1 : automaton.OutLink[automaton.Fail[q]])
        {
            foreach (var id in automaton.PatternsEndingAt(q).ToArray())
            {
                yield return Compiled.Patterns[id];
            }
        }
    }
}
