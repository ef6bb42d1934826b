using System.Buffers;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Moderation.Engine;
using EngineLexicon = Moderation.Engine.Lexicons.Lexicon;

namespace Engine.Benchmarks;

/// <summary>
/// The lexicon tier in NORMAL mode (all matches) against the baselines, on the same text and the same terms:
/// the built-in lexicon of one language. The engine also gets that language's allowlist and character map,
/// because normalisation and the allowlist are part of what it is for; the baselines do neither.
/// </summary>
[MemoryDiagnoser]
public class LexiconTierBenchmarks
{
    private string _text = "";
    private ModerationEngine? _engine;
    private Regex? _compiled;
    private Regex? _nonBacktracking;
    private SearchValues<string>? _values;

    [Params("ko", "en", "zh")]
    public string Lang { get; set; } = "ko";

    [Params(100, 10_000)]
    public int Length { get; set; } = 100;

    [GlobalSetup(Target = nameof(Engine))]
    public void SetUpEngine()
    {
        _text = ChatText.Generate(Lang, Length);
        _engine = ModerationEngine.Create(LanguageLexicon(Lang));
    }

    [GlobalSetup(Target = nameof(RegexCompiled))]
    public void SetUpRegexCompiled()
    {
        _text = ChatText.Generate(Lang, Length);
        _compiled = LexiconBaselines.Alternation(LexiconBaselines.Terms(EngineLexicon.BuiltIn, Lang), RegexOptions.Compiled);
    }

    [GlobalSetup(Target = nameof(RegexNonBacktracking))]
    public void SetUpRegexNonBacktracking()
    {
        _text = ChatText.Generate(Lang, Length);
        _nonBacktracking = LexiconBaselines.Alternation(LexiconBaselines.Terms(EngineLexicon.BuiltIn, Lang), RegexOptions.NonBacktracking);
    }

    [GlobalSetup(Target = nameof(SearchValuesIndexOfAny))]
    public void SetUpSearchValues()
    {
        _text = ChatText.Generate(Lang, Length);
        _values = LexiconBaselines.Values(LexiconBaselines.Terms(EngineLexicon.BuiltIn, Lang));
    }

    [Benchmark]
    public int Engine() => _engine!.Detect(_text).Count;

    [Benchmark]
    public int RegexCompiled() => _compiled!.Count(_text);

    [Benchmark]
    public int RegexNonBacktracking() => _nonBacktracking!.Count(_text);

    // The Ratio column's baseline: the fastest of the plain approaches in every language and length measured so far.
    [Benchmark(Baseline = true)]
    public int SearchValuesIndexOfAny() => LexiconBaselines.CountAll(_values!, _text);

    /// <summary>The built-in lexicon restricted to one language, so the engine and the baselines search for the same terms.</summary>
    internal static EngineLexicon LanguageLexicon(string lang)
    {
        var builtIn = EngineLexicon.BuiltIn;
        return new EngineLexicon(
            [.. builtIn.Entries.Where(e => e.Lang == lang)],
            [.. builtIn.Allow.Where(a => a.Lang == lang)],
            builtIn.CharacterMap);
    }
}
