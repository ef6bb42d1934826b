using Moderation.Engine;

namespace Engine.Tests;

/// <summary>
/// The engine's work is linear in the text, whatever the text: one unit repeated to n and to 2n characters must cost
/// at most about twice as many steps (<see cref="WorkMeter"/> counts look-aheads, verifications, widening,
/// allowlist checks and text-element walks). Work is counted, never timed.
/// </summary>
public class LinearWorkTests
{
    private const int Length = 2_000;

    private static readonly ModerationEngine Engine = ModerationEngine.CreateDefault();

    static LinearWorkTests() => WorkMeter.Counting = true;

    public static TheoryData<string, string> AdversarialUnits => new()
    {
        { "ordinary chat", "오늘 회의 끝나고 저녁 먹으러 갈래? 시발 진짜 피곤하다 " },
        { "initials and no-break spaces", "ㅅㅂ\u00A0" },
        { "a run of jamo", "ㅅㅂ" },
        { "initials and ideographic spaces", "ㅅㅂ\u3000" },
        { "conjoining jamo (one text element)", "\u1109\u1107" },
        { "initials and zero-width joiners", "ㅅㅂ\u200D" },
        { "full-width letters", "ｓｈｉｔ " },
        { "digits", "1" },
        { "dollar signs", "$" },
        { "leet symbols", "$@!" },
        { "combining marks", "시\u0301발\u0301" },
        { "emoji sequences", "시발👍🏻‍" },
        { "allowlisted words", "시발점" },
        { "a Latin prefix word", "fuck" },
        { "spaced-out syllables", "씨 발 " },
        { "cut-short words before spaces", "개새      " },
        { "syllables in Latin letters", "씨bal" },
    };

    [Theory]
    [MemberData(nameof(AdversarialUnits))]
    public void WorkGrowsLinearlyWithTheText(string family, string unit)
    {
        var single = Work(Repeat(unit, Length));
        var twice = Work(Repeat(unit, 2 * Length));

        Assert.True(single >= Length, $"{family}: {single} steps counted for {Length} characters, fewer than one a character");
        Assert.True(twice <= 2.5 * single, $"{family}: {single} steps for {Length} characters, {twice} for {2 * Length}");
    }

    /// <summary>Steps for everything a request can ask of the engine: detect, mask, and the ML tier's view.</summary>
    private static long Work(string text)
    {
        WorkMeter.Reset();
        var detections = Engine.Detect(text);
        _ = ModerationEngine.Mask(text, detections);
        _ = Engine.Inspect(text);
        return WorkMeter.Steps;
    }

    internal static string Repeat(string unit, int length)
    {
        var builder = new System.Text.StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }
}
