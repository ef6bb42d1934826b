using System.Globalization;

namespace Moderation.Engine.Lexicons;

/// <summary>
/// Reads the lexicon text format (documented in <c>Lexicons/README.md</c>):
/// one entry per line, <c>term | category | severity [| scope]</c>; allowlists <c>term [| scope]</c>;
/// <c>#</c> starts a comment; blank lines are ignored.
/// </summary>
public static class LexiconFormat
{
    public static IReadOnlySet<string> Categories { get; } =
        new HashSet<string>(["insult", "sexual", "hate", "violence", "discrimination", "drugs"], StringComparer.Ordinal);

    public static IReadOnlyList<LexiconEntry> ParseEntries(string lang, string text)
    {
        var entries = new List<LexiconEntry>();
        foreach (var (lineNumber, fields) in ReadLines(text))
        {
            if (fields.Length is < 3 or > 4)
            {
                throw Error(lang, lineNumber, "expected 'term | category | severity [| scope]'");
            }

            var category = fields[1].ToLowerInvariant();
            if (!Categories.Contains(category))
            {
                throw Error(lang, lineNumber, $"unknown category '{fields[1]}'");
            }

            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var severity) || severity is < 1 or > 3)
            {
                throw Error(lang, lineNumber, $"severity must be 1, 2 or 3, not '{fields[2]}'");
            }

            var scope = fields.Length == 4 ? ParseScope(lang, lineNumber, fields[3]) : DefaultScope(fields[0]);
            entries.Add(new LexiconEntry(fields[0], lang, category, severity, scope));
        }

        return entries;
    }

    public static IReadOnlyList<AllowEntry> ParseAllow(string lang, string text)
    {
        var entries = new List<AllowEntry>();
        foreach (var (lineNumber, fields) in ReadLines(text))
        {
            if (fields.Length > 2)
            {
                throw Error(lang, lineNumber, "expected 'term [| scope]'");
            }

            var scope = fields.Length == 2 ? ParseScope(lang, lineNumber, fields[1]) : DefaultAllowScope(fields[0]);
            entries.Add(new AllowEntry(fields[0], lang, scope));
        }

        return entries;
    }

    /// <summary>Reads <c>traditional simplified</c> character pairs, one per line.</summary>
    public static IReadOnlyList<(char Traditional, char Simplified)> ParseCharacterMap(string text)
    {
        var pairs = new List<(char, char)>();
        foreach (var (lineNumber, fields) in ReadLines(text, separator: ' '))
        {
            var parts = fields.Where(f => f.Length > 0).ToArray();
            if (parts.Length != 2 || parts[0].Length != 1 || parts[1].Length != 1)
            {
                throw new FormatException($"character map line {lineNumber}: expected 'T S' (two single characters)");
            }

            pairs.Add((parts[0][0], parts[1][0]));
        }

        return pairs;
    }

    /// <summary>Latin-script terms must stand as words unless told otherwise; terms with Hangul or Han match inside words.</summary>
    public static MatchScope DefaultScope(string term) => IsLatin(term) ? MatchScope.Word : MatchScope.Substring;

    /// <summary>A Latin allowlist word also covers its inflections (<c>cocktails</c>), so it only has to start a word.</summary>
    public static MatchScope DefaultAllowScope(string term) => IsLatin(term) ? MatchScope.Prefix : MatchScope.Substring;

    private static bool IsLatin(string term) =>
        term.Any(char.IsLetter) && term.Where(char.IsLetter).All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'));

    private static MatchScope ParseScope(string lang, int lineNumber, string value) => value.ToLowerInvariant() switch
    {
        "sub" => MatchScope.Substring,
        "word" => MatchScope.Word,
        "prefix" => MatchScope.Prefix,
        "suffix" => MatchScope.Suffix,
        _ => throw Error(lang, lineNumber, $"scope must be sub, word, prefix or suffix, not '{value}'"),
    };

    private static IEnumerable<(int LineNumber, string[] Fields)> ReadLines(string text, char separator = '|')
    {
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            yield return (lineNumber, line.Split(separator, StringSplitOptions.TrimEntries));
        }
    }

    private static FormatException Error(string lang, int lineNumber, string message) =>
        new($"lexicon '{lang}' line {lineNumber}: {message}");
}
