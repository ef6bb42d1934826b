using Moderation.Documents;

namespace Documents.Tests;

public class PdfTests
{
    [Fact]
    public void KoreanPdfFindsThePlantedInsultAndPhoneNumberOnPageTwo()
    {
        var pages = Read.All(PdfFixtures.Load("korean.pdf"), DocumentKind.Pdf);

        Assert.Equal([1, 2, 3], pages.Select(p => p.Number));
        Assert.All(pages, p => Assert.Equal(DocumentSegment.Page, p.Unit));
        var second = pages[1];
        Assert.Equal(
            string.Join('\n', PdfFixtures.Korean[1]),
            second.Text);
        var insult = second.Text.IndexOf("시발", StringComparison.Ordinal);
        var phone = second.Text.IndexOf("010-2345-6789", StringComparison.Ordinal);
        Assert.True(insult > 0 && phone > insult);
        Assert.Equal("시발", second.Text.Substring(insult, 2));
        Assert.DoesNotContain("시발", pages[0].Text + pages[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChinesePdfComesOutInOrderWithoutSpacesBetweenCharacters()
    {
        var pages = Read.All(PdfFixtures.Load("chinese.pdf"), DocumentKind.Pdf);

        Assert.Equal([1, 2], pages.Select(p => p.Number));
        Assert.Equal(string.Join('\n', PdfFixtures.Chinese[0]), pages[0].Text);
        Assert.Equal(string.Join('\n', PdfFixtures.Chinese[1]), pages[1].Text);
        Assert.Contains("他妈的", pages[1].Text, StringComparison.Ordinal);
        Assert.Contains("13812345678", pages[1].Text, StringComparison.Ordinal);
        Assert.Contains("11010519491231002X", pages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishPdfKeepsWordsAndTheirSpaces()
    {
        var pages = Read.All(PdfFixtures.Load("english.pdf"), DocumentKind.Pdf);

        Assert.Equal(string.Join('\n', PdfFixtures.English[0]), pages[0].Text);
        Assert.Contains("john.doe@example.com", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("fucking", pages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PageNumbersCountBlankPagesWithoutProducingThem()
    {
        var pdf = Build.Pdf(["first page"], [], ["third page"]);

        var pages = Read.All(pdf, DocumentKind.Pdf);

        Assert.Equal([(1, "first page"), (3, "third page")], pages.Select(p => (p.Number, p.Text)));
    }

    [Fact]
    public void PagesAreProducedOneAtATime()
    {
        var pdf = Build.Pdf(["one"], ["two"], ["three"]);
        using var stream = new MemoryStream(pdf);

        using var pages = DocumentReader.Read(stream, DocumentKind.Pdf).GetEnumerator();

        Assert.True(pages.MoveNext());
        Assert.Equal("one", pages.Current.Text);
        Assert.True(pages.MoveNext());
        Assert.Equal(2, pages.Current.Number);
    }

    [Fact]
    public void HandMadePlainPdfIsReadSoTheHostileVariantsDifferOnlyInTheirHostility()
    {
        var pages = Read.All(HandMadePdf.Plain("Hello there"), DocumentKind.Pdf);

        Assert.Equal("Hello there", Assert.Single(pages).Text);
    }

    [Fact]
    public void JunkBeforeTheHeaderIsToleratedAsPdfReadersDo()
    {
        byte[] pdf = [.. "Content-Type: application/pdf\r\n\r\n"u8, .. PdfFixtures.Load("english.pdf")];

        var pages = Read.All(pdf, DocumentKind.Pdf);

        Assert.Equal(string.Join('\n', PdfFixtures.English[0]), pages[0].Text);
    }
}
