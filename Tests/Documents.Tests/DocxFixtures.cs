using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Documents.Tests;

/// <summary>DOCX files written with the Open XML SDK, as Word would save them.</summary>
public static class DocxFixtures
{
    /// <summary>
    /// Paragraphs in three languages and a table, numbered as Word counts paragraph marks:
    /// 1 Korean with a planted insult; 2 empty; 3 Chinese; 4 English with a tab and a line break;
    /// 5 and 6 the table's cells (phone number, e-mail); 7 a paragraph whose deleted revision must not show.
    /// </summary>
    public static byte[] ThreeLanguagesWithTable()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                Para(new Run(new Text("오늘 회의는 "), new Text("시발") { Space = SpaceProcessingModeValues.Preserve }), new Run(new Text(" 취소되었습니다."))),
                new Paragraph(),
                Para(new Run(new Text("这个人真是他妈的混蛋。"))),
                Para(new Run(new Text("Name:"), new TabChar(), new Text("Kim"), new Break(), new Text("Second line"))),
                new Table(new TableRow(
                    new TableCell(Para(new Run(new Text("전화 010-2345-6789")))),
                    new TableCell(Para(new Run(new Text("mail kim@example.com")))))),
                Para(new Run(new Text("Kept ")), new DeletedRun(new Run(new DeletedText("removed "))), new Run(new Text("text")))));
        }

        return stream.ToArray();
    }

    /// <summary>A body of <paramref name="count"/> paragraphs, each saying which one it is.</summary>
    public static byte[] Numbered(int count)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(Enumerable.Range(1, count).Select(i => Para(new Run(new Text($"paragraph {i}"))))));
        }

        return stream.ToArray();
    }

    /// <summary>A spreadsheet: an Office package, but not a Word document.</summary>
    public static byte[] Spreadsheet()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        }

        return stream.ToArray();
    }

    private static Paragraph Para(params OpenXmlElement[] children) => new(children);
}
