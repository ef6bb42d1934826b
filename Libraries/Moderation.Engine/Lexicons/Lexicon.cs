using System.Reflection;

namespace Moderation.Engine.Lexicons;

/// <summary>An immutable set of lexicon entries, allowlist entries and the traditional→simplified character map.</summary>
public sealed class Lexicon
{
    public static readonly IReadOnlyList<string> Languages = ["ko", "en", "zh"];

    private static readonly Lazy<Lexicon> BuiltInLexicon = new(LoadBuiltIn);

    public Lexicon(
        IReadOnlyList<LexiconEntry> entries,
        IReadOnlyList<AllowEntry> allow,
        IReadOnlyList<(char Traditional, char Simplified)> characterMap)
    {
        Entries = entries;
        Allow = allow;
        CharacterMap = characterMap;
    }

    /// <summary>The lexicons that ship with the engine (embedded resources under <c>Lexicons/</c>).</summary>
    public static Lexicon BuiltIn => BuiltInLexicon.Value;

    public IReadOnlyList<LexiconEntry> Entries { get; }

    public IReadOnlyList<AllowEntry> Allow { get; }

    public IReadOnlyList<(char Traditional, char Simplified)> CharacterMap { get; }

    /// <summary>A new lexicon with <paramref name="added"/> entries and without the terms in <paramref name="removed"/>.</summary>
    public Lexicon WithOverrides(IEnumerable<LexiconEntry> added, IEnumerable<(string Lang, string Term)> removed)
    {
        var removedSet = removed.ToHashSet();
        var entries = Entries
            .Where(e => !removedSet.Contains((e.Lang, e.Term)))
            .Concat(added)
            .ToList();
        return new Lexicon(entries, Allow, CharacterMap);
    }

    private static Lexicon LoadBuiltIn()
    {
        var entries = new List<LexiconEntry>();
        var allow = new List<AllowEntry>();
        foreach (var lang in Languages)
        {
            entries.AddRange(LexiconFormat.ParseEntries(lang, ReadResource($"{lang}.txt")));
            allow.AddRange(LexiconFormat.ParseAllow(lang, ReadResource($"{lang}.allow.txt")));
        }

        return new Lexicon(entries, allow, LexiconFormat.ParseCharacterMap(ReadResource("zh-hant.txt")));
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream($"Lexicons.{name}")
            ?? throw new InvalidOperationException($"Embedded lexicon '{name}' is missing from {typeof(Lexicon).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
