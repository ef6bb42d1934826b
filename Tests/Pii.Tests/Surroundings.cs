#pragma warning disable CA5394 // Seeded System.Random: reproducible test inputs, nothing secret.
using FsCheck;
using FsCheck.Fluent;

namespace Pii.Tests;

/// <summary>A generated value placed in text: where it is, and the whole text.</summary>
public sealed record Embedded(GeneratedValue Value, string Text, int Start)
{
    public int End => Start + Value.Value.Length;

    public override string ToString() => $"{Value.Label} [{Start}, {End}) in \"{Text}\"";
}

/// <summary>
/// Neutral sentences in Korean, English and Chinese (no digits, no context words) and the joints a value sits in:
/// spaces, punctuation, a Korean particle or Chinese text right after it.
/// </summary>
internal static class Surroundings
{
    private static readonly string[] Sentences =
    [
        "오늘 점심은 김밥으로 할게요", "주말에 등산 가기로 했어", "그 영화 정말 재밌더라", "비가 와서 우산을 챙겼다",
        "see you at the park tomorrow", "the weather turned cold again", "thanks for the quick reply", "lunch was great",
        "今天天气很好", "我们周末去爬山吧", "这部电影真好看", "下雨了记得带伞",
    ];

    private static readonly string[] Before = [" ", "\n", ", ", ": ", " (", " \"", "은 ", "是 "];

    private static readonly string[] After = [" ", "\n", ". ", ", ", ") ", "로 ", "입니다 ", "吧", "。"];

    public static Arbitrary<Embedded> Of(Func<Random, GeneratedValue> build) =>
        Gen.Choose(0, int.MaxValue).Select(seed => Embed(new Random(seed), build(new Random(seed ^ 0x5EED)))).ToArbitrary();

    public static Embedded Embed(Random random, GeneratedValue value)
    {
        var before = Sentences[random.Next(Sentences.Length)] + Before[random.Next(Before.Length)];
        var after = After[random.Next(After.Length)] + Sentences[random.Next(Sentences.Length)];
        return new Embedded(value, before + value.Value + after, before.Length);
    }
}
