namespace Engine.Benchmarks;

/// <summary>
/// Ordinary chat lines and a few common profanities per language, written for these benchmarks, so the inputs
/// stay the same whatever the lexicon files say. Every profanity here is also a built-in lexicon term.
/// </summary>
internal static class ChatCorpus
{
    public static IReadOnlyList<string> Sentences(string lang) => lang switch
    {
        "ko" => Korean,
        "en" => English,
        "zh" => Chinese,
        _ => throw new ArgumentOutOfRangeException(nameof(lang), lang, "expected ko, en or zh"),
    };

    public static IReadOnlyList<string> Profanities(string lang) => lang switch
    {
        "ko" => ["씨발", "병신", "개새끼", "존나", "미친놈"],
        "en" => ["fuck", "shit", "asshole", "bitch", "bastard"],
        "zh" => ["傻逼", "他妈的", "操你妈", "王八蛋", "脑残"],
        _ => throw new ArgumentOutOfRangeException(nameof(lang), lang, "expected ko, en or zh"),
    };

    private static readonly string[] Korean =
    [
        "오늘 점심 뭐 먹을지 아직도 못 정했어",
        "퇴근하고 같이 영화 보러 갈래?",
        "이번 주말에 비 온다던데 우산 챙겨",
        "어제 경기 진짜 재밌더라 마지막 골 봤어?",
        "배송이 생각보다 빨리 와서 좋았어요",
        "회의 자료 방금 메일로 보냈습니다 확인 부탁드려요",
        "요즘 날씨가 너무 추워서 밖에 나가기 싫다",
        "그 식당 웨이팅 너무 길어서 그냥 돌아왔어",
        "게임 업데이트 언제 나오는지 아는 사람?",
        "다음 주 시험 범위 어디까지인지 알려줄 수 있어?",
        "강아지 산책시키고 오는 길이야 곧 도착해",
        "이 노래 가사가 너무 좋아서 계속 듣고 있어",
        "주문한 거 사이즈가 안 맞아서 교환 신청했어요",
        "버스 놓쳐서 십 분 정도 늦을 것 같아",
        "ㅋㅋㅋ 그거 완전 웃기다",
        "내일 아침 일찍 일어나야 해서 먼저 잘게",
    ];

    private static readonly string[] English =
    [
        "did anyone watch the game last night?",
        "I'll be about ten minutes late, the bus just left.",
        "can you send me the slides from this morning's meeting",
        "the new update finally fixed the login bug",
        "we should grab lunch at that ramen place again",
        "thanks for the quick delivery, everything arrived in one piece!",
        "is the server down for anyone else or just me?",
        "my cat knocked the coffee off the desk again lol",
        "what time does the stream start tonight",
        "honestly that movie was way better than I expected",
        "remember to bring an umbrella, it's going to rain.",
        "I can't find the charger anywhere, did you borrow it?",
        "good luck on your exam tomorrow, you've got this",
        "the queue times in ranked are ridiculous today",
        "let me know when you get home safe",
        "Anyway, see you all at practice on Thursday.",
    ];

    private static readonly string[] Chinese =
    [
        "今天中午吃什么还没想好，",
        "下班以后一起去看电影吧？",
        "周末好像要下雨，记得带伞。",
        "昨天的比赛太精彩了，最后那个进球你看到了吗？",
        "快递比我想的快多了，很满意。",
        "会议资料我刚发到你邮箱了，请查收。",
        "最近天气太冷了，不想出门。",
        "那家店排队的人太多了，我们就回来了。",
        "有人知道游戏什么时候更新吗？",
        "下周考试的范围到哪里，你知道吗？",
        "我刚遛完狗，马上就到。",
        "这首歌的歌词太好听了，一直在循环。",
        "买的衣服尺码不合适，已经申请换货了。",
        "错过了公交车，大概要晚十分钟。",
        "哈哈哈这个太好笑了",
        "明天要早起，我先睡了。",
    ];
}
