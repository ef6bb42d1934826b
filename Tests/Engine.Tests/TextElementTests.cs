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
}
