using Moderation.Engine;
using Moderation.Engine.Lexicons;

namespace Engine.Tests;

/// <summary>A small lexicon written here, so the engine's behaviour is tested independently of the shipped word lists.</summary>
internal static class TestLexicon
{
    private const string Korean = """
        씨발 | insult | 2
        시발 | insult | 2
        십팔 | insult | 2 | prefix
        병신 | insult | 2
        개새끼 | insult | 3
        ㅅㅂ | insult | 2
        ㅂㅅ | insult | 2
        ㅈㄴ | insult | 1
        ㄱㅅㄲ | insult | 3
        sibal | insult | 2
        """;

    private const string English = """
        fuck | insult | 2 | prefix
        motherfucker | insult | 3
        shit | insult | 1 | prefix
        ass | insult | 1
        asshole | insult | 2
        bitch | insult | 2 | prefix
        cunt | insult | 3 | prefix
        cock | sexual | 2 | prefix
        stfu | insult | 1
        whore | sexual | 2
        boob | sexual | 1
        """;

    private const string Chinese = """
        操你妈 | insult | 3
        傻逼 | insult | 2
        他妈的 | insult | 2
        sb | insult | 2
        cnm | insult | 2
        tmd | insult | 2
        """;

    private const string Allow = """
        시발점
        병신년
        십팔번
        """;

    private const string EnglishAllow = """
        Scunthorpe
        cocktail
        assassin
        Bob
        """;

    private const string ChineseAllow = """
        操场
        体操
        """;

    public static Lexicon Lexicon { get; } = new(
        [
            .. LexiconFormat.ParseEntries("ko", Korean),
            .. LexiconFormat.ParseEntries("en", English),
            .. LexiconFormat.ParseEntries("zh", Chinese),
        ],
        [
            .. LexiconFormat.ParseAllow("ko", Allow),
            .. LexiconFormat.ParseAllow("en", EnglishAllow),
            .. LexiconFormat.ParseAllow("zh", ChineseAllow),
        ],
        [('媽', '妈'), ('傻', '傻'), ('他', '他')]);

    public static ModerationEngine Engine { get; } = ModerationEngine.Create(Lexicon);
}
