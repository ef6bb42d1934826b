using Moderation.Documents;

namespace Documents.Tests;

public class IdentifyTests
{
    [Theory]
    [InlineData("report.pdf", "application/octet-stream", DocumentKind.Pdf)]
    [InlineData("REPORT.PDF", null, DocumentKind.Pdf)]
    [InlineData("letter.docx", "application/octet-stream", DocumentKind.Docx)]
    [InlineData("notes.txt", "text/plain; charset=euc-kr", DocumentKind.Text)]
    [InlineData("table.csv", null, DocumentKind.Text)]
    [InlineData("report.pdf", "text/plain", DocumentKind.Pdf)]
    public void TheExtensionSaysWhatTheClientClaims(string fileName, string? contentType, DocumentKind expected) =>
        Assert.Equal(expected, DocumentReader.Identify(fileName, contentType, []));

    [Theory]
    [InlineData("upload", "application/pdf", DocumentKind.Pdf)]
    [InlineData(null, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DocumentKind.Docx)]
    [InlineData("upload", "Text/Plain; charset=utf-8", DocumentKind.Text)]
    public void WithoutAnExtensionTheMediaTypeSays(string? fileName, string contentType, DocumentKind expected) =>
        Assert.Equal(expected, DocumentReader.Identify(fileName, contentType, []));

    [Fact]
    public void WhenNeitherSaysTheFirstBytesDo()
    {
        Assert.Equal(DocumentKind.Pdf, DocumentReader.Identify("upload", "application/octet-stream", "%PDF-1.7\n"u8));
        Assert.Equal(DocumentKind.Docx, DocumentReader.Identify(null, null, "PK\x03\x04"u8));
        Assert.Equal(DocumentKind.Text, DocumentReader.Identify(null, null, "안녕하세요"u8));
        Assert.Null(DocumentReader.Identify(null, null, [0x89, (byte)'P', (byte)'N', (byte)'G']));
        Assert.Null(DocumentReader.Identify(null, null, [0x41, 0, 0x42, 0]));
    }

    [Theory]
    [InlineData("photo.png", "image/png")]
    [InlineData("legacy.doc", "application/msword")]
    [InlineData("sheet.xlsx", null)]
    [InlineData("report.hwp", "application/octet-stream")]
    [InlineData("upload", "image/jpeg")]
    [InlineData("archive.docx.zip", "application/zip")]
    public void OtherTypesAreUnsupported(string fileName, string? contentType) =>
        Assert.Null(DocumentReader.Identify(fileName, contentType, "%PDF-"u8));
}
