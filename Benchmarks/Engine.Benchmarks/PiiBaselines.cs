using System.Text.RegularExpressions;

namespace Engine.Benchmarks;

/// <summary>
/// What a user would write instead of the identifier: one compiled <see cref="Regex"/> per kind of personal data,
/// run one after another, with no date, checksum or prefix validation.
/// </summary>
internal static class PiiBaselines
{
    private static readonly string[] Patterns =
    [
        @"(?:\+\d{1,3}[ -]?)?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{4}", // phone
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", // e-mail
        @"\d{6}-?[1-8]\d{6}", // resident / foreigner registration number
        @"\d{3}-\d{2}-\d{5}", // business registration number
        @"\b\d{17}[\dXx]\b", // Chinese identity number
        @"\b(?:\d{4}[ -]?){3}\d{4}\b", // card
        @"\b(?:\d{1,3}\.){3}\d{1,3}\b", // IPv4
        @"\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}\b", // IPv6, roughly
        @"\b(?:sk-|ghp_|github_pat_|xox[bp]-|AKIA|AIza|glpat-)[A-Za-z0-9_-]{16,}", // API keys
    ];

    public static Regex[] Compiled() => [.. Patterns.Select(p => new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant))];

    public static int CountAll(Regex[] regexes, string text)
    {
        var count = 0;
        foreach (var regex in regexes)
        {
            count += regex.Count(text);
        }

        return count;
    }
}
