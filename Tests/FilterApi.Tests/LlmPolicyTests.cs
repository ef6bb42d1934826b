using FilterApi.Llm;

namespace FilterApi.Tests;

/// <summary>Which texts go to the LLM, and how its answers are read: pure functions, no server.</summary>
public class LlmPolicyTests
{
    private static readonly LlmOptions Options = new() { GreyZoneLow = 0.25, GreyZoneHigh = 0.75 };

    [Theory]
    [InlineData(0.10, false)]
    [InlineData(0.25, true)]
    [InlineData(0.50, true)]
    [InlineData(0.75, true)]
    [InlineData(0.90, false)]
    [InlineData(double.NaN, true)]
    public void AutoAsksOnlyInsideTheGreyZone(double score, bool asks) => Assert.Equal(asks, Options.ShouldAsk(LlmMode.Auto, score));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void AlwaysAndNeverIgnoreTheScore(double score)
    {
        Assert.True(Options.ShouldAsk(LlmMode.Always, score));
        Assert.False(Options.ShouldAsk(LlmMode.Never, score));
    }

    [Fact]
    public void CategoriesOutsideTheTaxonomyAreDroppedAndTheVerdictStands()
    {
        Assert.True(JudgeAnswer.TryParse("""{"verdict":"unsafe","categories":["insult","rudeness","insult"],"score":0.8,"reason":"Name-calling."}""", "text", out var answer));

        Assert.Equal(LlmOutcome.Unsafe, answer.Outcome);
        Assert.Equal(["insult"], answer.Categories);
    }

    [Fact]
    public void AnUnsafeVerdictWithoutACategoryIsStillUnsafe()
    {
        Assert.True(JudgeAnswer.TryParse("""{"verdict":"unsafe","categories":[],"score":0.7,"reason":"Hostile."}""", "text", out var answer));

        Assert.Equal(LlmOutcome.Unsafe, answer.Outcome);
        Assert.Empty(answer.Categories);
    }

    [Fact]
    public void ASafeVerdictCarriesNoCategories()
    {
        Assert.True(JudgeAnswer.TryParse("""{"verdict":"safe","categories":["insult"],"score":0.1,"reason":"Banter."}""", "text", out var answer));

        Assert.Equal(LlmOutcome.Safe, answer.Outcome);
        Assert.Empty(answer.Categories);
    }

    [Theory]
    [InlineData("너 같은 놈은 죽어야 해", "The text '너 같은 놈은 죽어야 해' wishes death on someone.")]
    [InlineData("you absolute moron", "Calls the reader \"you absolute moron\".")]
    [InlineData("ass", "Says ass.")]
    public void AReasonThatQuotesTheTextIsEmptied(string text, string reason)
    {
        var answer = $$"""{"verdict":"unsafe","categories":["insult"],"score":0.9,"reason":{{System.Text.Json.JsonSerializer.Serialize(reason)}}}""";

        Assert.True(JudgeAnswer.TryParse(answer, text, out var parsed));

        Assert.Equal("", parsed.Reason);
    }

    [Fact]
    public void AReasonIsOneLineAndCapped()
    {
        var reason = "Line one.\n\tLine two. " + new string('x', 500);
        var answer = $$"""{"verdict":"safe","categories":[],"score":0.1,"reason":{{System.Text.Json.JsonSerializer.Serialize(reason)}}}""";

        Assert.True(JudgeAnswer.TryParse(answer, "an unrelated text", out var parsed));

        Assert.StartsWith("Line one. Line two. xxx", parsed.Reason, StringComparison.Ordinal);
        Assert.Equal(JudgePrompt.MaxReasonLength, parsed.Reason.Length);
    }
}
