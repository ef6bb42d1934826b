using Moderation.Documents;

namespace Documents.Tests;

public class DocxTests
{
    [Fact]
    public void ParagraphsInThreeLanguagesAndATableAreNumberedAsWordCountsThem()
    {
        var paragraphs = Read.All(DocxFixtures.ThreeLanguagesWithTable(), DocumentKind.Docx);

        Assert.Equal(
            [
                (1, "오늘 회의는 시발 취소되었습니다."),
                (3, "这个人真是他妈的混蛋。"),
                (4, "Name:\tKim\nSecond line"),
                (5, "전화 010-2345-6789"),
                (6, "mail kim@example.com"),
                (7, "Kept text"),
            ],
            paragraphs.Select(p => (p.Number, p.Text)));
        Assert.All(paragraphs, p => Assert.Equal(DocumentSegment.Paragraph, p.Unit));
    }

    [Fact]
    public void PlantedWordsAreFoundAtTheirOffsetsInTheirParagraph()
    {
        var paragraphs = Read.All(DocxFixtures.ThreeLanguagesWithTable(), DocumentKind.Docx);

        var insult = paragraphs.Single(p => p.Number == 1);
        Assert.Equal(7, insult.Text.IndexOf("시발", StringComparison.Ordinal));
        var phone = paragraphs.Single(p => p.Text.Contains("010-2345-6789", StringComparison.Ordinal));
        Assert.Equal(5, phone.Number);
    }

    [Fact]
    public void ALargeBodyIsReadParagraphByParagraph()
    {
        var paragraphs = Read.All(DocxFixtures.Numbered(20_000), DocumentKind.Docx);

        Assert.Equal(20_000, paragraphs.Count);
        Assert.Equal((20_000, "paragraph 20000"), (paragraphs[^1].Number, paragraphs[^1].Text));
    }

    [Fact]
    public void ASpreadsheetNamedDocxIsNotAWordDocument()
    {
        var detail = Read.Rejection(DocxFixtures.Spreadsheet(), DocumentKind.Docx);

        Assert.StartsWith("the file is not", detail, StringComparison.Ordinal);
    }
}
