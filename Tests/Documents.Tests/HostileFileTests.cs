using System.Diagnostics;
using System.Globalization;
using System.Text;
using Moderation.Documents;
using Moderation.Documents.Docx;
using Moderation.Documents.Pdf;
using Xunit.Abstractions;

namespace Documents.Tests;

/// <summary>
/// Each hostile file is refused with a detail that says why, after bounded work. Work is shown bounded by what the
/// reader counted (bytes inflated), never by the clock: the elapsed time is written to the test output only.
/// </summary>
public class HostileFileTests(ITestOutputHelper output)
{
    private const string NoTrailer = "the file is a corrupt PDF: it does not end with a cross-reference trailer (truncated, or not a PDF)";

    private static readonly DocumentLimits Limits = DocumentLimits.Default;

    [Fact]
    public void DocxZipBombOfAGigabyteIsRefusedWithoutInflatingAByte()
    {
        var (bomb, budget) = (HostileZips.DeclaredGigabyteBomb, Budget("the DOCX"));

        var detail = Rejected(() => DocxParagraphs.Read(Stream(bomb), Limits, budget));

        Assert.Equal("the DOCX expands to more than 50 MB", detail);
        Assert.Equal(0, budget.Used);
        Assert.InRange(bomb.Length, 1, 2 * 1024 * 1024);
    }

    [Fact]
    public void DocxBombBehindAHighRatioIsRefusedByItsRatio()
    {
        var bomb = HostileZips.Bomb(20L << 20);

        var detail = Rejected(bomb, DocumentKind.Docx);

        Assert.Equal("the DOCX's entry 'word/document.xml' expands more than 100-fold (a zip bomb?)", detail);
    }

    [Fact]
    public void DocxBombWhoseHeadersLieInflatesNoMoreThanTheyDeclare()
    {
        // The entry claims 1,000 bytes and holds 100 MB: .NET's ZipArchive stops inflating at the declared size, and
        // the reader's own count stops one byte past it, so the lie buys the bomb nothing.
        var (bomb, budget) = (HostileZips.LyingBomb(100L << 20), Budget("the DOCX"));
        var clock = Stopwatch.StartNew();

        var paragraphs = DocxParagraphs.Read(Stream(bomb), Limits, budget).ToList();

        output.WriteLine($"read in {clock.Elapsed.TotalMilliseconds:F1} ms, {budget.Used} bytes inflated");
        Assert.Equal("paragraph 1", Assert.Single(paragraphs).Text);
        Assert.InRange(budget.Used, 1, 64 * 1024);
    }

    [Fact]
    public void DocxWithAHundredThousandEntriesIsRefusedByCount()
    {
        var swarm = HostileZips.ManyEntries(100_000);

        var detail = Rejected(swarm, DocumentKind.Docx);

        Assert.Equal("the DOCX has more than 1,000 entries (100,000)", detail);
    }

    [Fact]
    public void PdfDeflateBombIsRefusedAfterInflatingAtMostTheBudget()
    {
        var (bomb, budget) = (HandMadePdf.DeflateBomb(200L << 20), Budget("the PDF's compressed content"));

        var detail = Rejected(() => PdfPages.Read(Stream(bomb), Limits, budget));

        Assert.Equal("the PDF's compressed content expands to more than 50 MB", detail);
        Assert.InRange(budget.Used, Limits.MaxExpandedBytes + 1, Limits.MaxExpandedBytes + (64 * 1024));
    }

    [Fact]
    public void PdfEncryptedWithoutAUserPasswordIsRefusedAsEncrypted()
    {
        var pdf = HandMadePdf.Encrypted("Secret text", userPassword: "");

        Assert.Equal("the PDF is encrypted; upload a copy without a password or restrictions", Rejected(pdf, DocumentKind.Pdf));
    }

    [Fact]
    public void EncryptedPdfFixtureIsReallyEncrypted()
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(HandMadePdf.Encrypted("Secret text", userPassword: ""));

        Assert.True(document.IsEncrypted);
        Assert.Equal("Secret text", document.GetPage(1).Text);
        Assert.DoesNotContain("Secret text"u8.ToArray(), HandMadePdf.Encrypted("Secret text", userPassword: "").Chunk(11).Select(c => c.ToArray()));
    }

    [Fact]
    public void PdfThatNeedsAPasswordIsRefusedAsEncrypted()
    {
        var pdf = HandMadePdf.Encrypted("Secret text", userPassword: "secret");

        Assert.Equal("the PDF is encrypted with a password; upload a copy without one", Rejected(pdf, DocumentKind.Pdf));
    }

    [Fact]
    public void TruncatedPdfIsRefusedAsCorrupt()
    {
        var pdf = PdfFixtures.Load("korean.pdf");

        Assert.Equal(NoTrailer, Rejected(pdf[..(pdf.Length / 2)], DocumentKind.Pdf));
    }

    [Fact]
    public void TenMegabytesOfGarbageAfterAPdfHeaderIsRefusedAsCorrupt()
    {
        var garbage = RandomBytes((int)Limits.MaxBytes);
        "%PDF-1.7\n"u8.CopyTo(garbage);

        Assert.Equal(NoTrailer, Rejected(garbage, DocumentKind.Pdf));
    }

    [Fact]
    public void TenMegabytesOfFakeObjectsWithAFakeTrailerAreRefusedAsCorrupt()
    {
        // Past the trailer check: PdfPig itself scans the whole file for objects before giving up.
        var fake = new StringBuilder("%PDF-1.7\n");
        for (var n = 1; fake.Length < Limits.MaxBytes - 100; n++)
        {
            fake.Append(CultureInfo.InvariantCulture, $"{n} 0 obj\n<< /Type /Page /Contents {n + 1} 0 R >>\nendobj\n");
        }

        var pdf = Encoding.ASCII.GetBytes(fake.Append("startxref\n0\n%%EOF\n").ToString());

        Assert.StartsWith("the file is a corrupt PDF", Rejected(pdf, DocumentKind.Pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesNamedPdfAreNotAPdf() =>
        Assert.Equal("the file is not a PDF: it does not start with %PDF-", Rejected([(byte)'x', .. RandomBytes(4096)], DocumentKind.Pdf));

    [Fact]
    public void ZipNamedPdfIsNotAPdf() =>
        Assert.Equal("the file is not a PDF: it starts like a ZIP archive", Rejected(DocxFixtures.Numbered(1), DocumentKind.Pdf));

    [Fact]
    public void PdfNamedDocxIsNotADocx() =>
        Assert.Equal("the file is not a DOCX: it starts like a PDF document", Rejected(PdfFixtures.Load("english.pdf"), DocumentKind.Docx));

    [Fact]
    public void PasswordProtectedOfficeFileNamedDocxIsNotADocx() =>
        Assert.Equal(
            "the file is not a DOCX: it starts like a legacy Office (.doc) or password-protected Office file",
            Rejected([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]], DocumentKind.Docx));

    [Fact]
    public void ZipWithoutOfficeContentNamedDocxIsNotADocx() =>
        Assert.Equal(
            "the file is not a DOCX: it is a ZIP archive without Office content ([Content_Types].xml)",
            Rejected(HostileZips.PlainZip(), DocumentKind.Docx));

    [Fact]
    public void ZipHeaderFollowedByGarbageIsACorruptDocx() =>
        Assert.StartsWith("the file is a corrupt DOCX", Rejected([.. "PK\x03\x04"u8, .. RandomBytes(4096)], DocumentKind.Docx), StringComparison.Ordinal);

    [Fact]
    public void PngNamedTxtIsNotText() =>
        Assert.Equal(
            "the file is not text: it starts like a PNG image",
            Rejected([0x89, .. "PNG\r\n\x1A\n"u8, 0, 0, 0, 13, .. "IHDR"u8], DocumentKind.Text));

    [Fact]
    public void PdfNamedTxtIsNotText() =>
        Assert.Equal("the file is not text: it starts like a PDF document", Rejected(PdfFixtures.Load("english.pdf"), DocumentKind.Text));

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsRefusedWithAHint() =>
        Assert.Equal(
            "the file is not text: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark; save it as UTF-8)",
            Rejected(Encoding.Unicode.GetBytes("hello 안녕"), DocumentKind.Text));

    [Fact]
    public void EmptyFileIsRefused() => Assert.Equal("the file is empty", Rejected([], DocumentKind.Pdf));

    private string Rejected(byte[] content, DocumentKind claimed) =>
        Rejected(() => DocumentReader.Read(Stream(content), claimed));

    /// <summary>
    /// Reads to the end expecting a rejection, twice: the times go to the test output, the first one including the
    /// just-in-time compilation a server pays once.
    /// </summary>
    private string Rejected(Func<IEnumerable<DocumentSegment>> read)
    {
        var clock = Stopwatch.StartNew();
        var rejection = Assert.Throws<DocumentRejectedException>(() => read().ToList());
        var cold = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        Assert.Throws<DocumentRejectedException>(() => read().ToList());
        output.WriteLine($"rejected in {cold:F1} ms cold, {clock.Elapsed.TotalMilliseconds:F1} ms warm: {rejection.Detail}");
        return rejection.Detail;
    }

    private static ExpansionBudget Budget(string whatExpands) => new(Limits.MaxExpandedBytes, whatExpands);

    private static MemoryStream Stream(byte[] content) => new(content, writable: false);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(13).NextBytes(bytes);
        return bytes;
    }
}
