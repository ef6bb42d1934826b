using System.Diagnostics;
using System.Text;
using Moderation.Documents;
using Xunit.Abstractions;

namespace Documents.Tests;

/// <summary>Documents near the size limit are read whole; the time goes to the test output, never asserted.</summary>
public class LargeDocumentTests(ITestOutputHelper output)
{
    private const string Line = "오늘 회의 자료를 확인해 주세요. 연락처는 010-2345-6789 입니다.";

    static LargeDocumentTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(65001)]
    [InlineData(949)]
    public void NearlyTenMegabytesOfKoreanTextAreReadLineByLine(int codePage)
    {
        var encoding = Encoding.GetEncoding(codePage);
        var lines = (int)(DocumentLimits.Default.MaxBytes / (encoding.GetByteCount(Line) + 1));
        var text = encoding.GetBytes(string.Join('\n', Enumerable.Repeat(Line, lines)));
        var clock = Stopwatch.StartNew();

        var count = 0;
        foreach (var paragraph in DocumentReader.Read(new MemoryStream(text), DocumentKind.Text))
        {
            Assert.Equal(Line, paragraph.Text);
            count++;
        }

        output.WriteLine($"{text.Length:N0} bytes, {count:N0} lines in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(lines, count);
    }

    [Fact]
    public void AThousandPagePdfIsReadPageByPage()
    {
        var pdf = Build.Pdf([.. Enumerable.Range(1, 1000).Select(i => new[] { $"page {i}", "Write to john.doe@example.com" })]);
        var clock = Stopwatch.StartNew();

        var pages = DocumentReader.Read(new MemoryStream(pdf), DocumentKind.Pdf).Count();

        output.WriteLine($"{pdf.Length:N0} bytes, {pages} pages in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1000, pages);
    }
}
