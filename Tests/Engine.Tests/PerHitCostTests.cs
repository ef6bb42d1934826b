using System.Runtime.CompilerServices;
using Moderation.Engine;

namespace Engine.Tests;

/// <summary>
/// What a hit costs beyond the scan, whatever the text: a request allocates its detections, its masked text and
/// little else, however many hits or allowlisted candidates it has. Bytes are counted
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), never time; each text is run once first so that the pooled
/// scratch buffers exist.
/// </summary>
public class PerHitCostTests
{
    private const int Length = 10_000;

    /// <summary>Fixed costs of a call: the result list, a few small objects, a quote or two.</summary>
    private const int Overhead = 2_048;

    private static readonly ModerationEngine Engine = ModerationEngine.CreateDefault();

    public static TheoryData<string, string> HitDenseUnits => new()
    {
        { "initials and no-break spaces", "ㅅㅂ\u00A0" },
        { "a run of jamo", "ㅅㅂ" },
        { "conjoining jamo (one text element)", "\u1109\u1107" },
        { "full-width letters", "ｓｈｉｔ " },
        { "combining marks", "시\u0301발\u0301" },
        { "emoji sequences", "시발👍🏻‍" },
    };

    [Theory]
    [MemberData(nameof(HitDenseUnits))]
    public void DetectAllocatesItsDetectionsAndLittleElse(string family, string unit)
    {
        var text = LinearWorkTests.Repeat(unit, Length);
        var (detections, allocated) = Measure(() => Engine.Detect(text));

        Assert.True(detections.Count >= Length / 10, $"{family}: {detections.Count} detections");
        var perDetection = Unsafe.SizeOf<Detection>() + 8;
        Assert.True(
            allocated <= Overhead + ((long)perDetection * detections.Count),
            $"{family}: {allocated} bytes for {detections.Count} detections of {Unsafe.SizeOf<Detection>()} bytes");
    }

    /// <summary>
    /// An array on the large-object heap (85,000 bytes or more) is zeroed on fresh pages and collected only with
    /// generation 2: for 10,000 detections in one array that cost more than finding them. Such an array reports
    /// generation 2 from birth, while a small one needs two collections to get there, so a run that sees every
    /// array below 2 is proof; three tries keep two collections in a row from failing the test.
    /// </summary>
    [Fact]
    public void ThousandsOfDetectionsStayOffTheLargeObjectHeap()
    {
        var text = LinearWorkTests.Repeat("ㅅㅂ", Length);
        var generations = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var detections = Engine.Detect(text);
            generations = [.. ArraysIn(detections).Where(array => array.GetType().GetElementType()!.IsValueType).Select(GC.GetGeneration)];
            Assert.True(detections.Count >= Length / 2, $"{detections.Count} detections");
            Assert.NotEmpty(generations);
            if (generations.All(generation => generation < 2))
            {
                return;
            }
        }

        Assert.Fail($"arrays behind the detections in generations {string.Join(", ", generations)}");
    }

    /// <summary>Past a few dozen detections they are stored compactly and built when read: they must read as a short list does.</summary>
    [Theory]
    [MemberData(nameof(HitDenseUnits))]
    public void ThousandsOfDetectionsReadAsAFewDo(string family, string unit)
    {
        var text = LinearWorkTests.Repeat(unit, Length);
        var many = Engine.Detect(text);

        // The longest prefix of whole units whose detections are still a short list.
        var shortLength = Length;
        IReadOnlyList<Detection> few;
        do
        {
            shortLength -= unit.Length;
            few = Engine.Detect(LinearWorkTests.Repeat(unit, shortLength));
        }
        while (few.Count > ModerationEngine.ManyDetections);

        Assert.True(many.Count > 1_024, $"{family}: {many.Count} detections");
        Assert.IsType<List<Detection>>(few);
        Assert.IsNotType<List<Detection>>(many);
        // The last few hits of the shorter text meet its end; the ones before it are the same in both, except that
        // conjoining jamo make one text element of the whole text, which every hit widens to.
        var compared = few.Count - 10;
        Assert.True(compared >= 10, $"{family}: {few.Count} detections in the short list");
        Assert.Equal(
            few.Take(compared).Select(d => d.Length == shortLength ? d with { Length = Length, Matched = text } : d),
            many.Take(compared));
        Assert.Equal(many, Enumerable.Range(0, many.Count).Select(i => many[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => many[many.Count]);
    }

    /// <summary>
    /// The compact list decides a quote of one or two characters from the term's length and ends alone, and reuses the
    /// last quote of an entry when the text is the same: spellings that differ from their term in the first or the
    /// last character, or not at all, and two spellings of one term in turn (the same length and ends, a different
    /// middle), quote the text either way.
    /// </summary>
    [Theory]
    [InlineData("媽的 ")]
    [InlineData("Sb ")]
    [InlineData("sB ")]
    [InlineData("傻B ")]
    [InlineData("ｓｂ ")]
    [InlineData("ㅅㅂ ")]
    [InlineData("시발 ")]
    [InlineData("ＳＨＩＴ ")]
    [InlineData("ｓｈｉｔ ＳＨＩＴ ")]
    [InlineData("ＳＨｉＴ ＳＨＩＴ ")]
    [InlineData("f.u.c.k fuuuck ")]
    public void CompactDetectionsQuoteTheirText(string unit)
    {
        var text = LinearWorkTests.Repeat(unit, unit.Length * (ModerationEngine.ManyDetections + 10));
        var detections = Engine.Detect(text);

        Assert.IsNotType<List<Detection>>(detections);
        Assert.All(detections, detection => Assert.Equal(text.Substring(detection.Start, detection.Length), detection.Matched));
    }

    /// <summary>
    /// A mask reads the compact list's spans straight from its chunks and merges them as they come, or takes the one
    /// range they make when the list knows it: the same text as from the same detections in a list or an array, and
    /// each text element touched masked once.
    /// </summary>
    [Theory]
    [MemberData(nameof(HitDenseUnits))]
    public void ManyDetectionsMaskAsTheirSpansSay(string family, string unit)
    {
        var text = LinearWorkTests.Repeat(unit, Length);
        var detections = Engine.Detect(text);
        var masked = ModerationEngine.Mask(text, detections);

        var covered = new bool[text.Length + 1];
        foreach (var detection in detections)
        {
            covered.AsSpan(detection.Start, detection.Length).Fill(true);
        }

        var expected = new System.Text.StringBuilder();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            expected.Append(covered.AsSpan(elements.ElementIndex, element.Length).Contains(true) ? "*" : element);
        }

        Assert.Equal(expected.ToString(), masked);
        Assert.Equal(masked, ModerationEngine.Mask(new string(text), detections));
        Assert.Equal(masked, ModerationEngine.Mask(text, detections.ToList()));
        Assert.Equal(masked, ModerationEngine.Mask(text, detections.ToArray()));
        Assert.Equal(masked, ModerationEngine.Mask(text, detections.Reverse().ToArray()));
        Assert.True(masked.Contains('*', StringComparison.Ordinal), family);
    }

    /// <summary>
    /// Runs of hits that the compact list widens without a cursor (one block of characters, or one text element),
    /// next to characters that join the run's first or last character or break it: every detection still covers
    /// whole elements and only its own hit's, and the mask covers every hit of both halves and nothing else.
    /// </summary>
    [Theory]
    [InlineData("\u0600", "ㅅㅂ", "", "")] // a prepended mark joins the first initial
    [InlineData("", "ㅅㅂ", "\u0301", "")] // a mark joins the last
    [InlineData("\u1109", "시발", "", "")] // a leading jamo joins the first syllable
    [InlineData("", "\u1109\u1107", "가", "")] // the syllable joins the run of leading jamo
    [InlineData("가", "\u1109\u1107", " ", "ㅅㅂ")] // one element, then hits outside it
    [InlineData("", "ㅅㅂ", " ", "\u1109\u1107")] // one block, then one element
    [InlineData("", "傻逼", "\u00A0", "他妈")]
    public void HitRunsNextToJoinersWidenAsTheSegmenterSplits(string before, string unit, string between, string after)
    {
        var run = LinearWorkTests.Repeat(unit, 4 * ModerationEngine.ManyDetections);
        var text = before + run + between + (after.Length > 0 ? LinearWorkTests.Repeat(after, 4 * ModerationEngine.ManyDetections) : "");
        var detections = Engine.Detect(text);

        Assert.IsNotType<List<Detection>>(detections);
        var boundaries = System.Globalization.StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToHashSet();
        Assert.All(detections, d => Assert.True(boundaries.Contains(d.Start) && boundaries.Contains(d.Start + d.Length), $"{d.Start}+{d.Length}"));
        Assert.All(detections, d => Assert.True(d.Length <= 8 || d.Length >= run.Length, $"{d.Start}+{d.Length}: one hit's elements, or the run's one element"));
        Assert.Equal(ExpectedMask(text, before, run, between, after), ModerationEngine.Mask(text, detections));
    }

    /// <summary>Every element of the run and of the hits after it masked, as the segmenter splits the text.</summary>
    private static string ExpectedMask(string text, string before, string run, string between, string after)
    {
        var (runStart, afterStart) = (before.Length, before.Length + run.Length + between.Length);
        var expected = new System.Text.StringBuilder();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var (start, end) = (elements.ElementIndex, elements.ElementIndex + elements.GetTextElement().Length);
            var masked = (start < runStart + run.Length && end > runStart) || (after.Length > 0 && end > afterStart);
            expected.Append(masked ? "*" : elements.GetTextElement());
        }

        return expected.ToString();
    }

    [Theory]
    [MemberData(nameof(HitDenseUnits))]
    public void MaskAllocatesOnlyTheMaskedText(string family, string unit)
    {
        var text = LinearWorkTests.Repeat(unit, Length);
        var detections = Engine.Detect(text);
        var (masked, allocated) = Measure(() => ModerationEngine.Mask(text, detections));

        Assert.True(allocated <= Overhead + (2L * masked.Length), $"{family}: {allocated} bytes for a masked text of {masked.Length} characters");
    }

    [Fact]
    public void CandidatesThatTheAllowlistHidesAllocateNothingPerCandidate()
    {
        var text = LinearWorkTests.Repeat("시발점", Length);
        var (detections, allocated) = Measure(() => Engine.Detect(text));

        Assert.True(detections.Count <= 1, $"{detections.Count} detections");
        Assert.True(allocated <= Overhead, $"{allocated} bytes for {Length / 3} allowlisted words");
    }

    [Fact]
    public void InspectAllocatesTheModelTextAndLittleElse()
    {
        var text = LinearWorkTests.Repeat("시발점", Length);
        var (view, allocated) = Measure(() => Engine.Inspect(text));

        Assert.Equal(new string(' ', Length - 1), view.ModelText[..^1]);
        Assert.True(allocated <= Overhead + (4L * Length), $"{allocated} bytes for a model text of {Length} characters");
    }

    /// <summary>The arrays an object holds in its fields, and the arrays inside those (the storage of the detections, and the engine's shared tables, which hold references).</summary>
    private static IEnumerable<Array> ArraysIn(object owner)
    {
        var fields = owner.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        foreach (var value in fields.Select(field => field.GetValue(owner)).OfType<Array>())
        {
            yield return value;
            foreach (var inner in value.OfType<Array>())
            {
                yield return inner;
            }
        }
    }

    private static (T Result, long Allocated) Measure<T>(Func<T> call)
    {
        _ = call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = call();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
