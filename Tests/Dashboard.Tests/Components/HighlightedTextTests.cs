using Bunit;
using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Playground;

namespace Dashboard.Tests.Components;

/// <summary>The playground's text with its findings marked, cut at FilterApi's offsets.</summary>
public sealed class HighlightedTextTests : ComponentTestContext
{
    [Fact]
    public void ALexiconHitAndPersonalDataAreMarkedApartAndTheRestOfTheTextIsKeptAsTyped()
    {
        const string text = "call 010-1234-5678, you idiot!";
        var answer = Answer(
            [new DetectedWord(5, "idiot", "idiot", 24, "en", "insult", 2)],
            [new PiiEntity("PHONE", "010-1234-5678", 5, 18, 0.99)]);

        var cut = Render<HighlightedText>(p => p.Add(c => c.Runs, TextSpans.Split(text, answer)));

        var marks = cut.FindAll("mark");
        Assert.Equal(["010-1234-5678", "idiot"], marks.Select(OwnText));
        Assert.Equal(["hit-pii", "hit-lexicon"], marks.Select(m => m.ClassName));
        Assert.Equal(" (PHONE)", marks[0].QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal(" (idiot · insult)", marks[1].QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal(text, VisibleText(cut));
    }

    [Fact]
    public void HangulOffsetsCutBetweenSyllablesNotBytes()
    {
        const string text = "너 진짜 씨발 뭐야";
        var answer = Answer([new DetectedWord(2, "씨발", "씨발", 5, "ko", "insult", 3)], []);

        var cut = Render<HighlightedText>(p => p.Add(c => c.Runs, TextSpans.Split(text, answer)));

        Assert.Equal("씨발", OwnText(cut.Find("mark")));
        Assert.Equal(text, VisibleText(cut));
    }

    [Fact]
    public void MarkupInTheCheckedTextIsShownAsTextNeverRendered()
    {
        const string text = "<img src=x onerror=alert(1)> jerk";
        var answer = Answer([new DetectedWord(4, "jerk", "jerk", 29, "en", "insult", 1)], []);

        var cut = Render<HighlightedText>(p => p.Add(c => c.Runs, TextSpans.Split(text, answer)));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(text, VisibleText(cut));
    }

    [Fact]
    public void OverlappingFindingsMarkTheLongerOnceWithoutRepeatingText()
    {
        const string text = "you dumbass";
        var answer = Answer(
            [new DetectedWord(4, "dumb", "dumb", 4, "en", "insult", 1), new DetectedWord(7, "dumbass", "dumbass", 4, "en", "insult", 2)],
            []);

        var cut = Render<HighlightedText>(p => p.Add(c => c.Runs, TextSpans.Split(text, answer)));

        Assert.Equal(["dumbass"], cut.FindAll("mark").Select(OwnText));
        Assert.Equal(text, VisibleText(cut));
    }

    [Fact]
    public void FindingsOutsideTheTextAreIgnoredRatherThanThrown()
    {
        const string text = "short";
        var answer = Answer([new DetectedWord(10, "whatever", "whatever", 3, "en", "insult", 1)], []);

        var cut = Render<HighlightedText>(p => p.Add(c => c.Runs, TextSpans.Split(text, answer)));

        Assert.Empty(cut.FindAll("mark"));
        Assert.Equal(text, VisibleText(cut));
    }

    /// <summary>What a sighted operator reads: the paragraph without the notes meant for screen readers.</summary>
    private static string VisibleText(IRenderedComponent<HighlightedText> cut)
    {
        var paragraph = cut.Find("p.highlighted");
        foreach (var note in paragraph.QuerySelectorAll(".visually-hidden").ToList())
        {
            note.Remove();
        }

        return paragraph.TextContent.Trim();
    }

    private static string OwnText(AngleSharp.Dom.IElement mark) =>
        string.Concat(mark.ChildNodes.Where(n => n.NodeType == AngleSharp.Dom.NodeType.Text).Select(n => n.TextContent));

    private static DetectTextAnswer Answer(IReadOnlyList<DetectedWord> hits, IReadOnlyList<PiiEntity> entities) => new(
        Guid.NewGuid(), hits.Count > 0, hits.Count > 0 ? 1 : 0, "lexicon", "en", [], entities.Count > 0, "",
        new LexiconTierAnswer(hits, 0.1),
        new ModelTierAnswer(null, null, 0, false, 0),
        new LlmTierAnswer("skipped", [], null, null, false, null, 0),
        new PiiTierAnswer(entities, "", 0.1),
        [],
        1);
}
