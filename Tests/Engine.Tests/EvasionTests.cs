using Moderation.Engine;

namespace Engine.Tests;

public class EvasionTests
{
    private static readonly ModerationEngine Engine = TestLexicon.Engine;

    [Theory]
    [InlineData("시발", "시발")]
    [InlineData("아 진짜 시1발 왜", "시1발")]
    [InlineData("시-발", "시-발")]
    [InlineData("시.발", "시.발")]
    [InlineData("시이이발", "시이이발")]
    [InlineData("씨이발 뭐야", "씨이발")]
    [InlineData("ㅅㅣㅂㅏㄹ", "ㅅㅣㅂㅏㄹ")]
    [InlineData("ㅂㅕㅇㅅㅣㄴ", "ㅂㅕㅇㅅㅣㄴ")]
    [InlineData("ㅅㅂ", "ㅅㅂ")]
    [InlineData("아 ㅈㄴ 짜증", "ㅈㄴ")]
    [InlineData("ㄱㅅㄲ야", "ㄱㅅㄲ")]
    [InlineData("tlqkf", "tlqkf")]
    [InlineData("rotoRl", "rotoRl")]
    [InlineData("시\u200B발", "시\u200B발")]
    [InlineData("개 새끼", "개 새끼")]
    [InlineData("sibal", "sibal")]
    public void CatchesKoreanEvasions(string text, string matched) => AssertDetects(text, matched);

    [Theory]
    [InlineData("fuck", "fuck")]
    [InlineData("FuCk you", "FuCk")]
    [InlineData("ｆｕｃｋ", "ｆｕｃｋ")]
    [InlineData("f.u.c.k off", "f.u.c.k")]
    [InlineData("f-u-c-k", "f-u-c-k")]
    [InlineData("f u c k you", "f u c k")]
    [InlineData("fuuuuck", "fuuuuck")]
    [InlineData("f\u200Buck", "f\u200Buck")]
    [InlineData("fuсk", "fuсk")] // Cyrillic с
    [InlineData("sh1t", "sh1t")]
    [InlineData("a.s.s.h.o.l.e", "a.s.s.h.o.l.e")]
    [InlineData("boob", "boob")]
    [InlineData("$hit happens", "$hit")]
    [InlineData("you a$$", "a$$")]
    [InlineData("f*ck", "f*ck")]
    [InlineData("f**k", "f**k")]
    [InlineData("b!tch", "b!tch")]
    [InlineData("ѕhit", "ѕhit")]
    [InlineData("fucking hell", "fucking")]
    [InlineData("you motherfucker", "motherfucker")]
    [InlineData("stfu", "stfu")]
    [InlineData("𝐟𝐮𝐜𝐤", "𝐟𝐮𝐜𝐤")]
    [InlineData("fück", "fück")]
    public void CatchesEnglishEvasions(string text, string matched) => AssertDetects(text, matched);

    [Theory]
    [InlineData("操你妈", "操你妈")]
    [InlineData("操你媽", "操你媽")]
    [InlineData("操 你 妈", "操 你 妈")]
    [InlineData("傻_逼", "傻_逼")]
    [InlineData("你是傻逼吗", "傻逼")]
    [InlineData("他妈的", "他妈的")]
    [InlineData("你个sb", "sb")]
    [InlineData("cnm", "cnm")]
    [InlineData("tmd", "tmd")]
    public void CatchesChineseEvasions(string text, string matched) => AssertDetects(text, matched);

    [Theory]
    [InlineData("시발점에서 출발")]
    [InlineData("병신년 새해")]
    [InlineData("Scunthorpe United")]
    [InlineData("a cocktail please")]
    [InlineData("the assassin")]
    [InlineData("操场上")]
    [InlineData("体操比赛")]
    [InlineData("as soon as possible")]
    [InlineData("first class assets")]
    [InlineData("c l a s s")]
    [InlineData("가시 발견")]
    [InlineData("I hit it")]
    [InlineData("price $100")]
    [InlineData("wow!!! amazing")]
    [InlineData("a peacock")]
    [InlineData("사용 시 발생하는 오류")]
    [InlineData("who're you")]
    [InlineData("他妈妈的手艺")]
    [InlineData("ask Bob")]
    [InlineData("애창곡 십팔번이 뭐야")]
    public void LeavesInnocentTextAlone(string text) => Assert.Empty(Engine.Detect(text));

    [Fact]
    public void AllowlistedWordDoesNotHideAHitNextToIt()
    {
        var detections = Engine.Detect("시발점 시발");
        var detection = Assert.Single(detections);
        Assert.Equal(4, detection.Start);
    }

    [Fact]
    public void NormalizeShowsTheTextAsTheAutomatonSeesIt() =>
        Assert.Equal("fuck shit 시발", Engine.Normalize("Ｆ.u.u.c.k   ｓh1t ㅅㅣㅂㅏㄹ"));

    [Fact]
    public void KeyboardLayoutSpellingReportsTheUnshiftedTerm() =>
        Assert.Equal("시발", Assert.Single(Engine.Detect("tlqkf")).FilteredWord);

    [Fact]
    public void PrefixTermReportsTheWholeWord() =>
        Assert.Equal("fucking", Assert.Single(Engine.Detect("so fucking good")).Matched);

    [Fact]
    public void FilterMasksDigitInsertedHangulSpan()
    {
        const string text = "아 진짜 시1발 왜";
        Assert.Equal("아 진짜 *** 왜", ModerationEngine.Mask(text, Engine.Detect(text)));
    }

    [Fact]
    public void FilterMasksAllSevenCharactersOfDottedWord()
    {
        const string text = "f.u.c.k off";
        Assert.Equal("******* off", ModerationEngine.Mask(text, Engine.Detect(text)));
    }

    [Fact]
    public void QuickModeStopsAtTheFirstHit()
    {
        var all = Engine.Detect("fuck this shit");
        var first = Engine.Detect("fuck this shit", firstOnly: true);
        Assert.Equal(2, all.Count);
        Assert.Equal(all[0], Assert.Single(first));
    }

    [Fact]
    public void DetectionReportsEntryAndLanguage()
    {
        var detection = Assert.Single(Engine.Detect("아 진짜 시1발 왜"));
        Assert.Equal(new Detection(5, 3, "시발", "시1발", "ko", "insult", 2), detection);
    }

    private static void AssertDetects(string text, string matched)
    {
        var detections = Engine.Detect(text);
        Assert.Contains(detections, d => d.Matched == matched && text.Substring(d.Start, d.Length) == matched);
    }
}
