using System.Text;
using Moderation.Documents;

namespace Documents.Tests;

public class LimitsTests
{
    [Fact]
    public void OneByteOverTheSizeLimitIsRefusedWithoutReadingAByte()
    {
        using var stream = new UnreadableStream(DocumentLimits.Default.MaxBytes + 1);

        var rejection = Assert.Throws<DocumentRejectedException>(() => DocumentReader.Read(stream, DocumentKind.Pdf));

        Assert.Equal("the file is larger than 10 MB", rejection.Detail);
    }

    [Fact]
    public void AForwardOnlyStreamOverTheSizeLimitIsRefusedOnceItPassesIt()
    {
        var limits = new DocumentLimits { MaxBytes = 1024 };
        using var stream = new ForwardOnlyStream(new byte[1025]);

        var rejection = Assert.Throws<DocumentRejectedException>(() => DocumentReader.Read(stream, DocumentKind.Text, limits));

        Assert.Equal("the file is larger than 1 KB", rejection.Detail);
    }

    [Fact]
    public void AForwardOnlyStreamWithinTheLimitIsRead()
    {
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes("안녕하세요\n시발"));

        var paragraphs = DocumentReader.Read(stream, DocumentKind.Text).ToList();

        Assert.Equal([(1, "안녕하세요"), (2, "시발")], paragraphs.Select(p => (p.Number, p.Text)));
    }

    [Fact]
    public void MorePagesThanTheLimitAreRefused()
    {
        var detail = Read.Rejection(Build.Pdf(["1"], ["2"], ["3"]), DocumentKind.Pdf, new DocumentLimits { MaxPages = 2 });

        Assert.Equal("the PDF has more than 2 pages (3)", detail);
    }

    [Theory]
    [InlineData(DocumentKind.Text)]
    [InlineData(DocumentKind.Pdf)]
    [InlineData(DocumentKind.Docx)]
    public void MoreTextThanTheLimitIsRefused(DocumentKind kind)
    {
        var content = kind switch
        {
            DocumentKind.Text => Encoding.UTF8.GetBytes("paragraph 1\nparagraph 2\nparagraph 3"),
            DocumentKind.Pdf => Build.Pdf(["paragraph 1"], ["paragraph 2"], ["paragraph 3"]),
            _ => DocxFixtures.Numbered(3),
        };

        var detail = Read.Rejection(content, kind, new DocumentLimits { MaxTextChars = 25 });

        Assert.Equal("the document has more than 25 characters of text", detail);
    }

    [Fact]
    public void MoreDocxEntriesThanTheLimitAreRefused()
    {
        var detail = Read.Rejection(DocxFixtures.Numbered(1), DocumentKind.Docx, new DocumentLimits { MaxArchiveEntries = 2 });

        Assert.StartsWith("the DOCX has more than 2 entries", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NonsensicalLimitsAreAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentReader.Read(new MemoryStream([1]), DocumentKind.Text, new DocumentLimits { MaxBytes = 0 }));

    /// <summary>Claims a length and fails the test if anything reads it.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the stream was read");

        public override long Seek(long offset, SeekOrigin origin) => Position = offset;

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A request body that can only be read once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override bool CanSeek => false;
    }
}
