using Moderation.Engine;
using Moderation.Engine.Scoring;

namespace Engine.Tests;

/// <summary>What the lexicon tier hands the ML tier, and how the tiers are combined.</summary>
public class ScoringTests
{
    private static readonly ModerationEngine Engine = ModerationEngine.CreateDefault();

    [Theory]
    [InlineData("시발점에서 출발했다", "   에서 출발했다")]
    [InlineData("We drove through Scunthorpe today", "We drove through            today")]
    [InlineData("操场上有很多人", "  上有很多人")]
    public void AllowlistedWordsAreBlankedForTheModelsAtTheSamePositions(string text, string modelText)
    {
        var view = Engine.Inspect(text);

        Assert.Empty(view.Detections);
        Assert.Equal(modelText, view.ModelText);
        Assert.Equal(text.Length, view.ModelText.Length);
    }

    [Fact]
    public void AHitNextToAnAllowlistedWordIsKeptAndOnlyTheAllowlistedWordBlanked()
    {
        var view = Engine.Inspect("시발점 가서 시발");

        Assert.Equal(["시발"], view.Detections.Select(d => d.Matched));
        Assert.Equal("    가서 시발", view.ModelText);
        Assert.Equal(Engine.Detect("시발점 가서 시발"), view.Detections);
    }

    [Theory]
    [InlineData("아 진짜 시1발", true)]
    [InlineData("ㅅㅂ 뭐야", true)]
    [InlineData("tlqkf", true)]
    [InlineData("ｆｕｃｋ you", true)]
    [InlineData("操你媽", true)]
    [InlineData("아 진짜 시발", false)]
    [InlineData("what the fucking hell", false)]
    [InlineData("have a nice day", false)]
    public void EvasionSpellingsAreToldApartFromPlainOnes(string text, bool evasion) =>
        Assert.Equal(evasion, Engine.Inspect(text).HasEvasion);

    [Fact]
    public void AnEvasionIsAbusiveWhateverTheModelsSayAndAPlainHitIsWeighedWithThem()
    {
        var combiner = TierCombiner.CreateDefault();

        var evasion = combiner.Combine("ko", new TierScores(true, 0.01, 0.01, LexiconEvasion: true), AnalysisTarget.Chat);
        Assert.True(evasion.Abusive);

        var plain = combiner.Combine("en", new TierScores(true, 0.001, 0.001), AnalysisTarget.Chat);
        var plainConfirmed = combiner.Combine("en", new TierScores(true, 0.99, 0.99), AnalysisTarget.Chat);
        Assert.True(plainConfirmed.Abusive);
        Assert.True(plain.Score < plainConfirmed.Score);
    }

    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    [InlineData("zh")]
    public void BothTargetsShareTheScoreWhichGrowsWithTheModelsAndCommunityFlagsTheHitsChatFlags(string lang)
    {
        var combiner = TierCombiner.CreateDefault();
        var (chatFlagged, communityFlagged, previous) = (false, false, 0.0);
        for (var p = 0.0; p <= 1.0; p += 0.05)
        {
            var scores = new TierScores(false, p, p);
            var (chat, community) = (combiner.Combine(lang, scores, AnalysisTarget.Chat), combiner.Combine(lang, scores, AnalysisTarget.Community));
            Assert.Equal(chat.Score, community.Score);
            Assert.True(chat.Score >= previous, $"{lang} at {p}: the score fell");
            Assert.True(chat.Abusive || !chatFlagged, $"{lang} at {p}: chat stopped flagging as the models grew surer");
            Assert.True(community.Abusive || !communityFlagged, $"{lang} at {p}: community stopped flagging as the models grew surer");
            (chatFlagged, communityFlagged, previous) = (chat.Abusive, community.Abusive, chat.Score);

            var hit = scores with { LexiconHit = true };
            Assert.True(!combiner.Combine(lang, hit, AnalysisTarget.Chat).Abusive || combiner.Combine(lang, hit, AnalysisTarget.Community).Abusive,
                $"{lang} at {p}: chat flags a listed word, community does not");
        }

        Assert.True(combiner.Combine(lang, new TierScores(false, 0.99, 0.99), AnalysisTarget.Chat).Abusive);
        Assert.True(combiner.Combine(lang, new TierScores(false, 0.99, 0.99), AnalysisTarget.Community).Abusive);
        Assert.False(combiner.Combine(lang, new TierScores(false, 0.01, 0.01), AnalysisTarget.Community).Abusive);
    }

    [Fact]
    public void WithBothModelsDownTheLexiconDecidesAlone()
    {
        var combiner = TierCombiner.CreateDefault();
        foreach (var lang in TierCombiner.Languages)
        {
            Assert.True(combiner.Combine(lang, new TierScores(true, null, null), AnalysisTarget.Chat).Abusive);
            Assert.False(combiner.Combine(lang, new TierScores(false, null, null), AnalysisTarget.Community).Abusive);
        }
    }

    [Theory]
    [InlineData("아 진짜 시발", "ko")]
    [InlineData("操你妈", "zh")]
    [InlineData("have a nice day", "en")]
    [InlineData("", "en")]
    [InlineData("ㅋㅋㅋ lol", "ko")]
    public void TheLanguageComesFromTheScript(string text, string lang) => Assert.Equal(lang, LanguageGuess.Of(text));

    [Fact]
    public void TheWeightsRoundTripThroughTheirFileForm()
    {
        var combiner = TierCombiner.CreateDefault();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(combiner.ToJson("dev.jsonl")));
        var again = TierCombiner.Parse(stream);
        Assert.Equal(combiner.Weights["ko"]["lexicon+fasttext+kobert"], again.Weights["ko"]["lexicon+fasttext+kobert"]);
    }

    [Fact]
    public void AnOperatorsThresholdReplacesTheFittedOneForItsLanguageAndTargetOnly()
    {
        var fitted = TierCombiner.CreateDefault();
        var scores = new TierScores(false, 0.6, 0.6);
        var score = fitted.Combine("ko", scores, AnalysisTarget.Community).Score;

        var strict = fitted.WithThresholds(new Dictionary<string, TargetThresholds> { ["ko"] = new(Chat: null, Community: score - 0.01) });
        var lenient = fitted.WithThresholds(new Dictionary<string, TargetThresholds> { ["ko"] = new(Chat: null, Community: score + 0.01) });

        Assert.True(strict.Combine("ko", scores, AnalysisTarget.Community).Abusive);
        Assert.False(lenient.Combine("ko", scores, AnalysisTarget.Community).Abusive);
        Assert.Equal(score, lenient.Combine("ko", scores, AnalysisTarget.Community).Score);
        Assert.Equal(fitted.Weights["ko"]["lexicon+fasttext+kobert"].ChatThreshold, lenient.Weights["ko"]["lexicon+fasttext+kobert"].ChatThreshold);
        Assert.Equal(fitted.Weights["zh"]["lexicon"], lenient.Weights["zh"]["lexicon"]);
        Assert.All(lenient.Weights["ko"].Values, w => Assert.Equal(score + 0.01, w.CommunityThreshold));
    }

    [Fact]
    public void CommunityFlagsEveryPlainHitChatFlagsEvenBelowItsOwnThreshold()
    {
        // Thresholds where chat is the more lenient one (as in Korean and Chinese): 0.3 for chat, 0.8 for community.
        var w = new CombinerWeights(0, 1, 1, 0, ChatThreshold: 0.3, CommunityThreshold: 0.8);
        var lexiconAlone = w with { FastText = 0 };
        var hit = new TierScores(LexiconHit: true, 0.4, null); // score σ(1 + logit 0.4) ≈ 0.64
        var noHit = new TierScores(LexiconHit: false, 0.6, null); // score 0.6

        Assert.True(TierCombiner.Decide(w, lexiconAlone, hit, AnalysisTarget.Chat).Abusive);
        Assert.True(TierCombiner.Decide(w, lexiconAlone, hit, AnalysisTarget.Community).Abusive);
        Assert.True(TierCombiner.Decide(w, lexiconAlone, noHit, AnalysisTarget.Chat).Abusive);
        Assert.False(TierCombiner.Decide(w, lexiconAlone, noHit, AnalysisTarget.Community).Abusive);
        var weakHit = new TierScores(LexiconHit: true, 0.05, null); // score ≈ 0.13: chat does not flag it either
        Assert.False(TierCombiner.Decide(w, lexiconAlone, weakHit, AnalysisTarget.Community).Abusive);
    }
}
