using System.Buffers;
using System.Text.RegularExpressions;
using EngineLexicon = Moderation.Engine.Lexicons.Lexicon;

namespace Engine.Benchmarks;

/// <summary>What a .NET user would write without the engine: the lexicon's terms in a Regex alternation or a SearchValues&lt;string&gt;.</summary>
internal static class LexiconBaselines
{
    /// <summary>The distinct terms of <paramref name="lang"/>, longest first so an alternation prefers the longer of two overlapping terms.</summary>
    public static string[] Terms(EngineLexicon lexicon, string lang) =>
    [
        .. lexicon.Entries
            .Where(e => e.Lang == lang)
            .Select(e => e.Term)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length)
            .ThenBy(t => t, StringComparer.Ordinal),
    ];

    /// <summary>A case-insensitive alternation of the escaped terms; <paramref name="engine"/> picks Compiled or NonBacktracking.</summary>
    public static Regex Alternation(IEnumerable<string> terms, RegexOptions engine) =>
        new(string.Join('|', terms.Select(Regex.Escape)), engine | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static SearchValues<string> Values(IEnumerable<string> terms) =>
        SearchValues.Create([.. terms], StringComparison.OrdinalIgnoreCase);

    /// <summary>Every position where some term starts. IndexOfAny does not say which term matched, so the scan resumes one character on.</summary>
    public static int CountAll(SearchValues<string> values, ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var index = text.IndexOfAny(values); index >= 0; index = text.IndexOfAny(values))
        {
            count++;
            text = text[(index + 1)..];
        }

        return count;
    }
}
