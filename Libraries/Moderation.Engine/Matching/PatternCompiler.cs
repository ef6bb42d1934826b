using Moderation.Engine.Lexicons;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>
/// Turns a lexicon into patterns, a symbol alphabet, the engine's character table and the automaton. Terms go
/// through the same scanner as texts, so a term and any evasion spelling of it normalise to the same symbols.
/// </summary>
internal static class PatternCompiler
{
    /// <summary>Terms shorter than this (in symbols) get no masked-letter variants: <c>a*s</c> would be noise.</summary>
    private const int MinLengthForStarVariants = 4;

    /// <summary>Keyboard-layout variants of shorter Hangul terms would collide with ordinary English letters.</summary>
    private const int MinKeysForKeyboardVariant = 5;

    public static CompiledLexicon Compile(Lexicon lexicon)
    {
        var normalisingTable = BuildNormalisingTable(lexicon.CharacterMap);
        var patterns = new List<Pattern>();
        for (var i = 0; i < lexicon.Entries.Count; i++)
        {
            var entry = lexicon.Entries[i];
            if (Normalise(entry.Term, normalisingTable, i, isAllow: false, entry.Scope) is not { } pattern)
            {
                continue;
            }

            patterns.Add(pattern);
            AddStarVariants(patterns, pattern);
        }

        AddKeyboardVariants(patterns, lexicon.Entries, normalisingTable);
        AddHangulVariants(patterns, lexicon.Entries, normalisingTable);

        for (var i = 0; i < lexicon.Allow.Count; i++)
        {
            var allow = lexicon.Allow[i];
            if (Normalise(allow.Term, normalisingTable, i, isAllow: true, allow.Scope) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }

        // Symbol ids: 1..n in order of first appearance; 0 means "in no pattern".
        var ids = new Dictionary<int, int>();
        foreach (var pattern in patterns)
        {
            for (var k = 0; k < pattern.Symbols.Length; k++)
            {
                if (!ids.TryGetValue(pattern.Symbols[k], out var id))
                {
                    id = ids.Count + 1;
                    ids[pattern.Symbols[k]] = id;
                }

                pattern.Symbols[k] = id;
            }
        }

        var table = new uint[normalisingTable.Length];
        for (var c = 0; c < table.Length; c++)
        {
            var entry = normalisingTable[c];
            table[c] = CharEntry.WithValue(entry, ids.GetValueOrDefault(CharEntry.Value(entry)));
        }

        var automaton = AhoCorasickAutomaton.Build([.. patterns.Select(p => p.Symbols)], ids.Count + 1);
        return new CompiledLexicon(table, normalisingTable, automaton, [.. patterns]);
    }

    /// <summary>The base table plus the lexicon's traditional→simplified map (操你媽 → 操你妈).</summary>
    private static uint[] BuildNormalisingTable(IReadOnlyList<(char Traditional, char Simplified)> characterMap)
    {
        var table = (uint[])CharTable.Base.Clone();
        foreach (var (traditional, simplified) in characterMap)
        {
            table[traditional] = table[simplified];
        }

        return table;
    }

    private static Pattern? Normalise(string term, uint[] table, int source, bool isAllow, MatchScope scope)
    {
        var records = new SymbolRecord[term.Length + 1];
        var count = new SymbolScanner(term, table, records, automaton: null, candidates: null).Run();
        if (count == 0 || records.AsSpan(0, count).ToArray().Any(r => r.Symbol == 0))
        {
            return null;
        }

        var symbols = new int[count];
        var runs = new byte[count];
        for (var k = 0; k < count; k++)
        {
            symbols[k] = records[k].Symbol;
            runs[k] = records[k].Run;
        }

        return new Pattern(symbols, runs.Any(r => r > 1) ? runs : null, source, isAllow, scope, records[0].Script);
    }

    /// <summary>
    /// Hangul terms as typed with the input method left on English (시발 → <c>tlqkf</c>). Shifted keys fold to
    /// their plain letter (씨발 types <c>Tlqkf</c>), so when two terms type alike the one without Shift wins.
    /// </summary>
    private static void AddKeyboardVariants(List<Pattern> patterns, IReadOnlyList<LexiconEntry> entries, uint[] table)
    {
        var typed = entries
            .Select((entry, index) => (Index: index, Keys: Hangul.ToKeyboardLatin(entry.Term)))
            .Where(t => t.Keys is { Length: >= MinKeysForKeyboardVariant })
            .OrderBy(t => t.Keys!.Any(char.IsUpper));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, keys) in typed)
        {
            if (seen.Add(keys!.ToLowerInvariant())
                && Normalise(keys, table, index, isAllow: false, MatchScope.Prefix) is { } keyboard)
            {
                patterns.Add(keyboard);
            }
        }
    }

    /// <summary>
    /// Spelling, mixed-script and cut-short variants of every Hangul term (<see cref="HangulVariants"/>). A variant
    /// that spells another entry (or an earlier variant) is left to that one.
    /// </summary>
    private static void AddHangulVariants(List<Pattern> patterns, IReadOnlyList<LexiconEntry> entries, uint[] table)
    {
        var terms = entries.Select(e => e.Term).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(terms, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var (text, variant) in HangulVariants.Of(entries[i].Term, terms))
            {
                if (seen.Add(text) && Normalise(text, table, i, isAllow: false, entries[i].Scope) is { } pattern)
                {
                    patterns.Add(pattern with { Variant = variant });
                }
            }
        }
    }

    /// <summary>Masked spellings: one or two inner letters replaced by <c>*</c> (<c>f*ck</c>, <c>f**k</c>, <c>b*tch</c>).</summary>
    private static void AddStarVariants(List<Pattern> patterns, Pattern pattern)
    {
        var symbols = pattern.Symbols;
        if (symbols.Length < MinLengthForStarVariants || pattern.Runs is not null || !symbols.All(s => s is >= 'a' and <= 'z'))
        {
            return;
        }

        for (var width = 1; width <= 2; width++)
        {
            for (var k = 1; k + width < symbols.Length; k++)
            {
                int[] variant = [.. symbols[..k], '*', .. symbols[(k + width)..]];
                patterns.Add(pattern with { Symbols = variant });
            }
        }
    }
}

/// <summary>What an engine needs at scan time.</summary>
/// <param name="Table">Character table whose values are symbol ids.</param>
/// <param name="NormalisingTable">The same table with normalised characters as values (for <c>Normalize</c>).</param>
internal sealed record CompiledLexicon(uint[] Table, uint[] NormalisingTable, AhoCorasickAutomaton Automaton, Pattern[] Patterns)
{
    /// <summary>The states whose candidates need only <see cref="MatchVerifier.IsGapless"/> (<see cref="PlainOutputs"/>).</summary>
    public PlainOutputs PlainOutputs { get; } = new(Automaton, Patterns);
}
