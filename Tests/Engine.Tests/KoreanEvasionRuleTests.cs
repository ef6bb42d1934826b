using Moderation.Engine;

namespace Engine.Tests;

/// <summary>
/// Korean evasions caught by rule rather than by listing: spaced-out syllables, respelt vowels and consonants,
/// syllables typed in Latin letters inside a Hangul word, and words cut short where a sentence ends. The built-in
/// lexicon is used, because the rules derive their variants from it. Each class has clean look-alikes beside it.
/// </summary>
public class KoreanEvasionRuleTests
{
    private static readonly ModerationEngine Engine = ModerationEngine.CreateDefault();

    [Theory]
    [InlineData("씨 발 놈 아", "씨 발 놈", "씨발놈")]
    [InlineData("아 씨 발", "씨 발", "씨발")]
    [InlineData("야 미 친 놈 아", "미 친 놈", "미친놈")]
    [InlineData("병 . 신 아", "병 . 신", "병신")]
    [InlineData("지 랄 하 지 마", "지 랄 하", "지랄하")]
    public void CatchesSyllablesSpacedOut(string text, string matched, string term) => AssertDetects(text, matched, term);

    [Theory]
    [InlineData("사용 시 발생하는 오류")]
    [InlineData("두 시 발표 자료 준비해")]
    [InlineData("한 개 새로 샀어")]
    [InlineData("몇 시 . . . . . . 발 이 아파")] // too far apart to be one word
    public void LeavesSeparateSyllablesAlone(string text) => Assert.Empty(Engine.Detect(text));

    [Theory]
    [InlineData("씨봘 진짜", "씨봘", "씨발")]
    [InlineData("야 씨뱔", "씨뱔", "씨발")]
    [InlineData("이 개쇄끼야", "개쇄끼", "개새끼")]
    [InlineData("믜친놈이네", "믜친놈", "미친놈")]
    [InlineData("씹발 뭐야", "씹발", "씨발")]
    [InlineData("갯새끼 같으니", "갯새끼", "개새끼")]
    [InlineData("질랄하네", "질랄하", "지랄하")]
    [InlineData("야 병씬", "병씬", "병신")]
    public void CatchesRespeltSyllables(string text, string matched, string term) => AssertDetects(text, matched, term);

    [Theory]
    [InlineData("하루 세끼 꼭 챙겨 먹어")]
    [InlineData("드라마 다시봐야지")]
    [InlineData("우스갯소리로 한 말이야")]
    [InlineData("딸처럼 아껴 줬어")]
    [InlineData("돌에 이름을 새기다")]
    [InlineData("아동 보호 구역")]
    [InlineData("평신도 모임")]
    [InlineData("신발 사러 가자")]
    public void LeavesEverydayWordsAlone(string text) => Assert.Empty(Engine.Detect(text));

    [Theory]
    [InlineData("씨bal 진짜", "씨bal", "씨발")]
    [InlineData("shi발 뭐야", "shi발", "시발")]
    [InlineData("이 개saekki", "개saekki", "개새끼")]
    [InlineData("병sin아", "병sin", "병신")]
    [InlineData("미chin놈", "미chin놈", "미친놈")]
    [InlineData("시qkf 짜증나", "시qkf", "시발")]
    public void CatchesSyllablesTypedInLatinLetters(string text, string matched, string term) => AssertDetects(text, matched, term);

    [Theory]
    [InlineData("김씨 balance 확인해")]
    [InlineData("씨앗 bar 에서 만나")]
    [InlineData("Sin City 보러 가자")]
    public void LeavesLatinWordsBesideHangulAlone(string text) => Assert.Empty(Engine.Detect(text));

    [Theory]
    [InlineData("야 이 개새.", "개새", "개새끼")]
    [InlineData("진짜 시ㅂ", "시ㅂ", "시발")]
    [InlineData("저 미친ㄴ ㅋㅋ", "미친ㄴ", "미친놈")]
    [InlineData("이 호로새!", "호로새", "호로새끼")]
    public void CatchesWordsCutShortAtTheEndOfASentence(string text, string matched, string term) => AssertDetects(text, matched, term);

    [Theory]
    [InlineData("개새 한 마리가 날아갔다")] // not where a sentence ends
    [InlineData("서비스 개시.")]
    [InlineData("그는 육군 상병.")]
    [InlineData("급식 먹자.")]
    [InlineData("김치 맛있다.")]
    public void LeavesShortWordsAlone(string text) => Assert.Empty(Engine.Detect(text));

    [Theory]
    [InlineData("시발점에서 출발")]
    [InlineData("새끼 고양이가 태어났어")]
    [InlineData("시 발 점")] // the allowlisted word spaced out
    public void KeepsTheAllowlist(string text) => Assert.Empty(Engine.Detect(text));

    private static void AssertDetects(string text, string matched, string term)
    {
        var detections = Engine.Detect(text);
        Assert.Contains(detections, d => d.Matched == matched && text.Substring(d.Start, d.Length) == matched && d.FilteredWord == term);
    }
}
