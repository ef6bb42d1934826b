using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Engine;

namespace Engine.Tests;

/// <summary>Invariants that hold for any input, checked on generated texts mixing profanity, evasion characters and Unicode edge cases.</summary>
public class EnginePropertyTests
{
    private static readonly ModerationEngine Engine = TestLexicon.Engine;

    // Fragments chosen to hit every path of the scanner: words, jamo, leet, separators, zero-width and format
    // characters, combining marks, emoji (with ZWJ and skin tones), lone surrogates, controls, noncharacters.
    private static readonly string[] Fragments =
    [
        "시발", "씨", "발", "fuck", "f", "u", "c", "k", "sh", "it", "ass", "操", "你", "媽", "妈", "傻", "逼",
        "ㅅ", "ㅣ", "ㅂ", "ㅏ", "ㄹ", "ㅇ", "ㅘ", "\u1109", "\u1175", "이", "아", "1", "$", "@", "!", "*", "0",
        " ", "  ", ".", "-", "_", "\n", "\t", "\0", "\u200B", "\u200D", "\uFEFF", "\u0301", "\uFE0F",
        "😀", "👨‍👩‍👧", "👍🏽", "🇰🇷", "\uD83D", "\uDE00", "\uFFFF", "ｆ", "ѕ", "𝐟", "é", "Scunthorpe", "시발점", "操场", "x",
    ];

    private static Arbitrary<string> Texts() =>
        Gen.OneOf(
                Gen.Elements(Fragments).ArrayOf().Select(parts => string.Concat(parts)),
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))
            .ToArbitrary();

    [Property(MaxTest = 500)]
    public Property DetectAndNormalizeNeverThrowOnAnyString() =>
        Prop.ForAll(Texts(), text =>
        {
            _ = Engine.Detect(text);
            _ = Engine.Detect(text, firstOnly: true);
            _ = Engine.Normalize(text);
            return true;
        });

    [Property(MaxTest = 500)]
    public Property SpansLieWithinTheTextAndQuoteIt() =>
        Prop.ForAll(Texts(), text => Engine.Detect(text).All(d =>
            d.Start >= 0 && d.Length > 0 && d.Start + d.Length <= text.Length
            && d.Matched == text.Substring(d.Start, d.Length)));

    [Property(MaxTest = 500)]
    public Property SpansNeverSplitATextElement() =>
        Prop.ForAll(Texts(), text =>
        {
            var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToHashSet();
            return Engine.Detect(text).All(d => boundaries.Contains(d.Start) && boundaries.Contains(d.Start + d.Length));
        });

    [Property(MaxTest = 500)]
    public Property MaskKeepsEveryTextElementOutsideTheSpansAndMasksEachInside() =>
        Prop.ForAll(Texts(), text =>
        {
            var detections = Engine.Detect(text);
            var masked = ModerationEngine.Mask(text, detections);

            // Rebuild what the masked text must be from the original's text elements alone.
            var expected = new StringBuilder();
            var enumerator = StringInfo.GetTextElementEnumerator(text);
            while (enumerator.MoveNext())
            {
                var start = enumerator.ElementIndex;
                var inside = detections.Any(d => start >= d.Start && start < d.Start + d.Length);
                expected.Append(inside ? "*" : enumerator.GetTextElement());
            }

            return masked == expected.ToString();
        });

    /// <summary>Mask takes any spans, not only the engine's: out of order, overlapping, inside one text element, beyond the text.</summary>
    [Property(MaxTest = 500)]
    public Property MaskOfAnySpansMasksEveryTextElementTheyTouch() =>
        Prop.ForAll(Texts(), Gen.Choose(-2, 40).Two().ArrayOf().ToArbitrary(), (text, pairs) =>
        {
            var detections = pairs.Select(pair => new Detection(pair.Item1, pair.Item2 % 7, "", "", "", "", 1)).ToList();
            var masked = ModerationEngine.Mask(text, detections);

            var expected = new StringBuilder();
            var enumerator = StringInfo.GetTextElementEnumerator(text);
            while (enumerator.MoveNext())
            {
                var (start, end) = (enumerator.ElementIndex, enumerator.ElementIndex + enumerator.GetTextElement().Length);
                var touched = detections.Any(d =>
                    Math.Max(Math.Clamp(d.Start, 0, text.Length), start) < Math.Min(Math.Clamp(d.Start + d.Length, 0, text.Length), end));
                expected.Append(touched ? "*" : enumerator.GetTextElement());
            }

            return masked == expected.ToString();
        });

    [Property(MaxTest = 300)]
    public Property DetectionsAreOrderedByStart() =>
        Prop.ForAll(Texts(), text =>
        {
            var detections = Engine.Detect(text);
            return detections.Zip(detections.Skip(1)).All(pair => pair.First.Start <= pair.Second.Start);
        });

    [Property(MaxTest = 300)]
    public Property QuickModeReturnsTheFirstOfTheFullResult() =>
        Prop.ForAll(Texts(), text =>
        {
            var all = Engine.Detect(text);
            var first = Engine.Detect(text, firstOnly: true);
            return all.Count == 0 ? first.Count == 0 : first.Count == 1 && first[0] == all[0];
        });
}
