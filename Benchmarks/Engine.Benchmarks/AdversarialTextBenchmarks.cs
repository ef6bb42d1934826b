using BenchmarkDotNet.Attributes;
using Moderation.Engine;

namespace Engine.Benchmarks;

/// <summary>
/// FILTER mode (detect, then mask) on texts built to defeat the engine's shortcuts, next to ordinary chat text of
/// the same length: every one should cost about as much per character. Run with <c>--filter '*Adversarial*'</c>;
/// the closing table gives each text's time over the ordinary text's.
/// </summary>
[MemoryDiagnoser]
public class AdversarialTextBenchmarks
{
    /// <summary>The baseline: the throughput benchmark's Korean chat text, one profanity per ~100 characters.</summary>
    public const string Ordinary = "ordinary chat";

    /// <summary>Each text is its unit repeated to the length.</summary>
    private static readonly Dictionary<string, string> Units = new()
    {
        ["ㅅㅂ + U+00A0"] = "ㅅㅂ\u00A0",
        ["ㅅㅂ + U+3000"] = "ㅅㅂ\u3000",
        ["jamo run ㅅㅂㅅㅂ"] = "ㅅㅂ",
        ["conjoining jamo (one element)"] = "\u1109\u1107",
        ["full-width ｓｈｉｔ"] = "ｓｈｉｔ ",
        ["digits 111"] = "1",
        ["dollars $$$"] = "$",
        ["leet symbols $@!"] = "$@!",
        ["combining marks"] = "시\u0301발\u0301",
        ["emoji sequences"] = "시발👍🏻\u200D",
        ["allowlisted 시발점"] = "시발점",
    };

    private string _text = "";
    private ModerationEngine? _engine;

    public static IEnumerable<string> Texts => [Ordinary, .. Units.Keys];

    [ParamsSource(nameof(Texts))]
    public string Text { get; set; } = Ordinary;

    [Params(100, 10_000)]
    public int Length { get; set; } = 100;

    [GlobalSetup]
    public void SetUp()
    {
        _text = Build(Text, Length);
        // Every language's lexicon, as FilterApi runs it.
        _engine = ModerationEngine.CreateDefault();
    }

    [Benchmark]
    public int Filter() => Filter(_engine!, _text);

    /// <summary>The text named <paramref name="text"/> (one of <see cref="Texts"/>), <paramref name="length"/> characters long.</summary>
    public static string Build(string text, int length) => text == Ordinary ? ChatText.Generate("ko", length) : Repeat(Units[text], length);

    /// <summary>FILTER mode: detect, then mask.</summary>
    public static int Filter(ModerationEngine engine, string text) => ModerationEngine.Mask(text, engine.Detect(text)).Length;

    private static string Repeat(string unit, int length)
    {
        var builder = new System.Text.StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        // Cut on a whole unit's worth of UTF-16, so no surrogate pair is split.
        var cut = length;
        if (char.IsHighSurrogate(builder[cut - 1]))
        {
            cut--;
        }

        return builder.ToString(0, cut);
    }
}
