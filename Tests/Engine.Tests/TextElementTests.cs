using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Engine;

namespace Engine.Tests;

/// <summary>The cursor's own shortcuts past the segmenter (combining marks, conjoining jamo) find the boundaries it finds.</summary>
public class TextElementTests
{
    private static readonly ModerationEngine Engine = ModerationEngine.CreateDefault();

    // Leading, vowel and trailing jamo (and their Extended-A/B kin), syllables with and without a final, marks,
    // joiners, emoji, controls, prepended marks (BMP and supplementary), supplementary marks (Mc, Mn), a tag, a
    // regional indicator, a mathematical letter, and the characters the cursor takes as certain boundaries.
    private static readonly string[] Pieces =
    [
        "\u1100", "\u1109", "\u1107", "\u115F", "\u1160", "\u1161", "\u1175", "\u11A7", "\u11A8", "\u11AB", "\u11FF",
        "가", "각", "시", "발", "\uD7A3", "ㅅ", "ㅂ", "ㅏ", "\u0301", "\u0300", "\u036F", "\u200D", "\uFE0F", "👍", "🏻",
        "\uA960", "\uA97C", "\uD7B0", "\uD7CB", "\uD7FB", "a", "1", " ", "\u00A0", "\u3000", "ｓ", "漢", "\r", "\n", "\t",
        "\u0600", "\u0903", "\U000110BD", "\U00011A84", "\U00011000", "\U0001D167", "\U000E0041", "\U0001F1F0", "\U0001D41F",
    ];

    private static Arbitrary<string> Texts() =>
        Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary();

    /// <summary>Texts of runs of one piece (ㅅㅅㅅㅅ, 가가가, marks after marks), which long masked ranges are made of.</summary>
    private static Arbitrary<string> TextsOfRuns() =>
        Gen.Elements(Pieces).Zip(Gen.Choose(1, 12)).Select(run => string.Concat(Enumerable.Repeat(run.Item1, run.Item2)))
            .ArrayOf().Select(runs => string.Concat(runs)).ToArbitrary();

    /// <summary>A prepended mark (U+0600) or an Extended-A leading jamo (U+A960) joins the syllable after it, which the cursor once took as a certain boundary.</summary>
    [Theory]
    [InlineData("\u0600시발 좀", "** 좀")]
    [InlineData("\uA960시발 좀", "** 좀")]
    [InlineData("a\U000110BD시발", "a**")]
    public void DetectionsNeverSplitAnElementThatAMarkOrJamoJoins(string text, string masked)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToHashSet();
        var detections = Engine.Detect(text);
        var detection = Assert.Single(detections);

        Assert.Contains(detection.Start, boundaries);
        Assert.Contains(detection.Start + detection.Length, boundaries);
        Assert.Equal(masked, ModerationEngine.Mask(text, detections));
    }

    [Property(MaxTest = 2_000)]
    public Property NextBoundaryWalksTheSegmentersTextElements() =>
        Prop.ForAll(Texts(), text =>
        {
            var walked = new List<int>();
            for (var position = 0; position < text.Length; position = TextElementCursor.NextBoundary(text, position))
            {
                walked.Add(position);
            }

            return walked.SequenceEqual(StringInfo.ParseCombiningCharacters(text));
        });

    /// <summary>
    /// Widening every span of one to three characters, in order of start, gives the smallest run of whole elements
    /// around it, as the segmenter finds them, whichever shortcut the cursor takes (marks after a letter join it, but
    /// not after a line feed or a tab).
    /// </summary>
    [Property(MaxTest = 2_000)]
    public Property WidenedSpansAreTheSmallestRunOfWholeElements() =>
        Prop.ForAll(Texts(), text =>
        {
            var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToArray();
            var cursor = new TextElementCursor(text);
            for (var start = 0; start < text.Length; start++)
            {
                for (var end = start + 1; end <= Math.Min(text.Length, start + 3); end++)
                {
                    var expected = (boundaries.Last(b => b <= start), boundaries.First(b => b >= end));
                    if (cursor.Widen(start, end) != expected)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    /// <summary>
    /// Expanding a range of any length, from any start, gives the smallest run of whole elements around it and counts
    /// them as the segmenter does (a mask writes one mask character per element), also where the cursor skips a run
    /// of one block without a walk.
    /// </summary>
    [Property(MaxTest = 2_000)]
    public Property ExpandCountsTheSegmentersElements() =>
        Prop.ForAll(TextsOfRuns(), Gen.Choose(0, 200).Two().ToArbitrary(), (text, range) =>
        {
            if (text.Length == 0)
            {
                return true;
            }

            var start = Math.Min(range.Item1, range.Item2) % text.Length;
            return ExpandsAsTheSegmenter(text, start, Math.Min(text.Length, start + 1 + Math.Abs(range.Item2 - range.Item1)));
        });

    /// <summary>Runs of one block whose last character is joined by what follows, or which a control, CR LF or marks interrupt.</summary>
    [Theory]
    [InlineData("ㅅㅂㅅㅂㅅㅂㅅㅂㅅㅂ\u0301ㅅ")]
    [InlineData("가가가가가가가가가가\u11A8가")]
    [InlineData("abcdefghij\r\nklm\tnopqrstuvw")]
    [InlineData("\n\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301a")]
    [InlineData("ｓｈｉｔｓｈｉｔｓｈｉｔ\u0301漢漢漢漢漢漢漢漢漢漢\u0600a")]
    public void ExpandCountsTheElementsOfRunsThatEndJoined(string text)
    {
        for (var start = 0; start < text.Length; start++)
        {
            Assert.True(ExpandsAsTheSegmenter(text, start, text.Length), $"from {start}");
        }
    }

    private static bool ExpandsAsTheSegmenter(string text, int start, int end)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToArray();
        var expected = (boundaries.Last(b => b <= start), boundaries.First(b => b >= end));

        var widened = new TextElementCursor(text).Expand(start, end, out var elements);

        return widened == expected && elements == boundaries.Count(b => b >= expected.Item1 && b < expected.Item2);
    }
}
