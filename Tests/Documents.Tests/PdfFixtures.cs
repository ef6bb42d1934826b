using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Documents.Tests;

/// <summary>
/// The committed PDFs under Fixtures/, real documents with embedded (subset) TrueType fonts written by PdfPig, and the
/// program that made them. Regenerate with <c>DOCUMENTS_REGENERATE_FIXTURES=1 dotnet test --filter RegeneratePdfFixtures</c>
/// on a machine with Debian's fonts-nanum and fonts-arphic-gbsn00lp; the tests themselves need no fonts.
/// </summary>
public static class PdfFixtures
{
    public const string KoreanFont = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
    public const string ChineseFont = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

    /// <summary>Three pages of Korean; page 2 carries a planted insult and a phone number.</summary>
    public static readonly string[][] Korean =
    [
        ["대한민국의 수도는 서울입니다.", "오늘은 날씨가 정말 좋습니다.", "회의 자료를 확인해 주세요."],
        ["이 문서는 검사용입니다.", "아 진짜 시발 왜 이래", "연락처: 010-2345-6789"],
        ["감사합니다. 좋은 하루 보내세요."],
    ];

    /// <summary>Two pages of Chinese; page 2 carries a planted insult, a mobile number and an ID card number.</summary>
    public static readonly string[][] Chinese =
    [
        ["中华人民共和国是一个国家。", "今天天气很好，我们去公园。"],
        ["这个人真是他妈的混蛋。", "手机号码：13812345678", "身份证：11010519491231002X"],
    ];

    /// <summary>Two pages of English; page 1 carries an e-mail address, page 2 a planted insult.</summary>
    public static readonly string[][] English =
    [
        ["The quarterly report is attached.", "Write to john.doe@example.com for details."],
        ["Stop being such a fucking idiot.", "Regards, the team"],
    ];

    public static byte[] Build(string fontPath, string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(fontPath));
        foreach (var lines in pages)
        {
            var page = builder.AddPage(595, 842);
            for (var i = 0; i < lines.Length; i++)
            {
                page.AddText(lines[i], 12, new PdfPoint(72, 770 - (i * 24)), font);
            }
        }

        return builder.Build();
    }

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Where the fixtures live in the source tree (the test runs from bin/…).</summary>
    public static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Fixtures");
}

public sealed class RegenerateFixturesFactAttribute : FactAttribute
{
    public RegenerateFixturesFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DOCUMENTS_REGENERATE_FIXTURES") != "1")
        {
            Skip = "set DOCUMENTS_REGENERATE_FIXTURES=1 to rewrite Fixtures/*.pdf from the system fonts";
        }
    }
}

public class PdfFixtureGeneration
{
    [RegenerateFixturesFact]
    public void RegeneratePdfFixtures()
    {
        var directory = PdfFixtures.SourceDirectory();
        File.WriteAllBytes(Path.Combine(directory, "korean.pdf"), PdfFixtures.Build(PdfFixtures.KoreanFont, PdfFixtures.Korean));
        File.WriteAllBytes(Path.Combine(directory, "chinese.pdf"), PdfFixtures.Build(PdfFixtures.ChineseFont, PdfFixtures.Chinese));
        File.WriteAllBytes(Path.Combine(directory, "english.pdf"), PdfFixtures.Build(PdfFixtures.KoreanFont, PdfFixtures.English));
    }
}
