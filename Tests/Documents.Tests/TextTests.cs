using System.Text;
using Moderation.Documents;

namespace Documents.Tests;

public class TextTests
{
    /// <summary>Paragraphs (lines) 1, 3 and 4 carry text; 2 is blank; the line ends mix LF, CRLF and CR.</summary>
    private const string KoreanLines = "아 진짜 시발 왜 이래\n\n연락처: 010-2345-6789\r\n감사합니다.\r";
    private const string ChineseLines = "这个人真是他妈的混蛋。\n\n手机号码：13812345678\r\n谢谢。\r";

    static TextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> KoreanEncodings => ["utf-8", "utf-8 BOM", "utf-16LE BOM", "utf-16BE BOM", "utf-32LE BOM", "cp949"];

    public static TheoryData<string> ChineseEncodings => ["utf-8", "utf-8 BOM", "utf-16LE BOM", "utf-16BE BOM", "gb18030"];

    [Theory]
    [MemberData(nameof(KoreanEncodings))]
    public void KoreanTextIsReadLineByLineInEachEncoding(string encoding)
    {
        var paragraphs = Read.All(Encode(KoreanLines, encoding), DocumentKind.Text);

        Assert.Equal([(1, "아 진짜 시발 왜 이래"), (3, "연락처: 010-2345-6789"), (4, "감사합니다.")], paragraphs.Select(p => (p.Number, p.Text)));
        Assert.All(paragraphs, p => Assert.Equal(DocumentSegment.Paragraph, p.Unit));
    }

    [Theory]
    [MemberData(nameof(ChineseEncodings))]
    public void ChineseTextIsReadLineByLineInEachEncoding(string encoding)
    {
        var paragraphs = Read.All(Encode(ChineseLines, encoding), DocumentKind.Text);

        Assert.Equal([(1, "这个人真是他妈的混蛋。"), (3, "手机号码：13812345678"), (4, "谢谢。")], paragraphs.Select(p => (p.Number, p.Text)));
    }

    [Theory]
    [InlineData("시발")]
    [InlineData("안녕")]
    [InlineData("병신")]
    [InlineData("개새끼")]
    [InlineData("사랑해")]
    [InlineData("감사합니다")]
    [InlineData("서울시 강남구 테헤란로 123")]
    [InlineData("김철수 010-2345-6789")]
    public void ShortKoreanInCp949IsReadAsKorean(string text) =>
        Assert.Equal(text, Assert.Single(Read.All(Encode(text, "cp949"), DocumentKind.Text)).Text);

    [Theory]
    [InlineData("你好")]
    [InlineData("谢谢")]
    [InlineData("傻逼")]
    [InlineData("他妈的")]
    [InlineData("我爱你")]
    [InlineData("北京市朝阳区")]
    [InlineData("王小明 13812345678")]
    [InlineData("身份证号码：11010519491231002X")]
    public void ShortChineseInGb18030IsReadAsChinese(string text) =>
        Assert.Equal(text, Assert.Single(Read.All(Encode(text, "gb18030"), DocumentKind.Text)).Text);

    [Fact]
    public void WhitespaceOnlyLinesAreCountedButNotProduced()
    {
        var paragraphs = Read.All("one\n \t \nthree\n"u8.ToArray(), DocumentKind.Text);

        Assert.Equal([(1, "one"), (3, "three")], paragraphs.Select(p => (p.Number, p.Text)));
    }

    [Fact]
    public void Latin1TextIsRefusedRatherThanReadAsGarbage()
    {
        var detail = Read.Rejection(Encoding.Latin1.GetBytes("Le café était très bon, merci à vous."), DocumentKind.Text);

        Assert.Contains("encoding is not supported", detail, StringComparison.Ordinal);
    }

    internal static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8 BOM" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        "utf-16LE BOM" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
        "utf-16BE BOM" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "utf-32LE BOM" => [0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(text)],
        "cp949" => Encoding.GetEncoding(949).GetBytes(text),
        "gb18030" => Encoding.GetEncoding(54936).GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };
}
