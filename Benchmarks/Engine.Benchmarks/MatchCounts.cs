using System.Text.RegularExpressions;
using Moderation.Engine;
using EngineLexicon = Moderation.Engine.Lexicons.Lexicon;

namespace Engine.Benchmarks;

/// <summary>
/// <c>--counts</c>: what each contender finds on each benchmark text, to check the inputs and the baselines
/// before spending minutes on timing them. Counts differ by design: the engine folds overlaps and applies
/// the allowlist, and SearchValues counts every start position.
/// </summary>
internal static class MatchCounts
{
    public static void Print(TextWriter output)
    {
        output.WriteLine("| lang | length | Engine | RegexCompiled | RegexNonBacktracking | SearchValuesIndexOfAny |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var lang in EngineLexicon.Languages)
        {
            var terms = LexiconBaselines.Terms(EngineLexicon.BuiltIn, lang);
            var compiled = LexiconBaselines.Alternation(terms, RegexOptions.Compiled);
            var nonBacktracking = LexiconBaselines.Alternation(terms, RegexOptions.NonBacktracking);
            var values = LexiconBaselines.Values(terms);
            foreach (var length in new[] { 100, 10_000 })
            {
                var text = ChatText.Generate(lang, length);
                output.WriteLine($"| {lang} | {length} | {EngineCount(lang, text)} | {compiled.Count(text)} | {nonBacktracking.Count(text)} | {LexiconBaselines.CountAll(values, text)} |");
            }
        }
    }

    private static string EngineCount(string lang, string text) =>
        ModerationEngine.Create(LexiconTierBenchmarks.LanguageLexicon(lang)).Detect(text).Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
