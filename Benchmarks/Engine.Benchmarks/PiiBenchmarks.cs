using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Moderation.Engine;
using Moderation.Pii;

namespace Engine.Benchmarks;

/// <summary>
/// The personal-data identifier per character against the lexicon tier (every language's lexicon, as FilterApi
/// runs it) and against the compiled regexes a user would write, on the same chat text with personal data planted.
/// Run with <c>--filter '*Pii*'</c>; the closing table gives the identifier's time over each.
/// </summary>
[MemoryDiagnoser]
public class PiiBenchmarks
{
    private string _text = "";
    private ModerationEngine? _engine;
    private Regex[] _regexes = [];

    [Params("ko", "en", "zh")]
    public string Lang { get; set; } = "ko";

    [Params(100, 10_000)]
    public int Length { get; set; } = 100;

    [GlobalSetup]
    public void SetUp()
    {
        _text = PiiText.Generate(Lang, Length);
        _engine = ModerationEngine.CreateDefault();
        _regexes = PiiBaselines.Compiled();
    }

    [Benchmark]
    public int Pii() => PiiDetector.Default.Detect(_text).Count;

    [Benchmark]
    public int Lexicon() => _engine!.Detect(_text).Count;

    [Benchmark(Baseline = true)]
    public int RegexSet() => PiiBaselines.CountAll(_regexes, _text);
}
