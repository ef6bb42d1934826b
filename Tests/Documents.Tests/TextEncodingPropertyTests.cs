using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Documents;

namespace Documents.Tests;

/// <summary>
/// The TXT encoding rule on generated text: sentences of real words (many of them not in the detector's frequency
/// lists: place names, slang, loanwords), two to six words with numbers, punctuation or addresses mixed in, must
/// come back exactly in their own script. A single short word alone can be genuinely ambiguous ("삼겹살" in CP949
/// is also three frequent Chinese characters in GB18030), so sentences have at least two words in the script.
/// </summary>
public class TextEncodingPropertyTests
{
    private static readonly string[] KoreanWords =
    [
        "제주도", "떡볶이", "김치찌개", "컴퓨터", "뷁", "햏", "똠방각하", "쌰랄라", "꿀잼", "노잼", "핵인싸", "댕댕이", "편의점", "삼겹살",
        "시발", "병신", "개새끼", "지랄", "꺼져", "안녕하세요", "감사합니다", "여보세요", "괜찮아요", "배고파", "졸려", "퇴근", "출근",
        "강아지", "고양이", "햄버거", "커피숍", "휴가", "여름", "겨울", "봄비", "눈사람", "서울특별시", "부산광역시",
        "ㅋㅋㅋ", "ㅎㅎ", "ㅠㅠ", "2024년", "3월", "메일",
    ];

    private static readonly string[] ChineseWords =
    [
        "你好", "谢谢", "北京", "上海", "深圳", "广州", "火锅", "饺子", "熊猫", "长城", "他妈的", "傻逼", "操你妈", "滚蛋", "混蛋",
        "电脑", "手机", "微信", "支付宝", "淘宝", "高铁", "地铁", "咖啡", "奶茶", "周末", "加班", "老板", "同事", "朋友", "学生",
        "老师", "医院", "银行", "身份证", "中华人民共和国", "龙飞凤舞", "喜羊羊", "鸡蛋", "蔬菜", "麻辣烫", "凤凰",
        "2024年", "3月", "邮箱",
    ];

    private static readonly string[] Extras = ["", "", "", "!", "?", "...", "，", "。", "kim@example.com", "13812345678", "010-2345-6789"];

    static TextEncodingPropertyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Property(MaxTest = 500)]
    public Property KoreanSentencesInCp949AreReadAsKorean() =>
        Prop.ForAll(Sentences(KoreanWords, " "), sentence => ReadsBack(sentence, Encoding.GetEncoding(949)));

    [Property(MaxTest = 500)]
    public Property ChineseSentencesInGb18030AreReadAsChinese() =>
        Prop.ForAll(Sentences(ChineseWords, ""), sentence => ReadsBack(sentence, Encoding.GetEncoding(54936)));

    [Property(MaxTest = 500)]
    public Property KoreanAndChineseSentencesInUtf8AreReadAsUtf8() =>
        Prop.ForAll(Sentences([.. KoreanWords, .. ChineseWords], " "), sentence => ReadsBack(sentence, new UTF8Encoding(false)));

    [Property(MaxTest = 500)]
    public Property AnyUtf8TextComesBackLineByLine() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<string>()
                .Where(s => s is not null && Encodable(s))
                .ToArbitrary(),
            text =>
            {
                var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');
                var expected = lines.Select((line, i) => (Number: i + 1, Text: line)).Where(l => !string.IsNullOrWhiteSpace(l.Text));
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length > 0)
                {
                    Assert.Equal(expected, Read.All(bytes, DocumentKind.Text).Select(p => (p.Number, p.Text)));
                }
            });

    private static Arbitrary<string> Sentences(string[] words, string separator) =>
        Gen.Elements(words).ArrayOf().Where(w => w.Length is >= 2 and <= 6)
            .SelectMany(w => Gen.Elements(Extras), (w, extra) => string.Join(separator, w) + separator + extra)
            .Select(s => s.Trim())
            .ToArbitrary();

    private static void ReadsBack(string sentence, Encoding encoding) =>
        Assert.Equal(sentence, Assert.Single(Read.All(encoding.GetBytes(sentence), DocumentKind.Text)).Text);

    /// <summary>Text UTF-8 can carry unchanged: no lone surrogates, no NUL, no U+FFFD (what a bad byte becomes).</summary>
    private static bool Encodable(string s) =>
        !s.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s
        && !s.Contains('\uFFFD', StringComparison.Ordinal);
}
