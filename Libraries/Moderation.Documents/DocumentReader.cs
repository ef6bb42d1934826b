using System.Text;
using Moderation.Documents.Docx;
using Moderation.Documents.Pdf;
using Moderation.Documents.PlainText;

namespace Moderation.Documents;

/// <summary>Reads the text out of an uploaded TXT, PDF or DOCX, one page or paragraph at a time.</summary>
public static class DocumentReader
{
    /// <summary>
    /// The kind the client claims the file is: by the file name's extension if it has one, else by the media type;
    /// when neither says anything (no extension, no type or <c>application/octet-stream</c>), by the first bytes.
    /// Null means unsupported (HTTP 415). The claim is only a claim: <see cref="Read"/> checks the content matches.
    /// </summary>
    public static DocumentKind? Identify(string? fileName, string? contentType, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName ?? "").ToUpperInvariant();
        if (extension.Length > 1)
        {
            return extension switch
            {
                ".TXT" or ".TEXT" or ".MD" or ".CSV" or ".TSV" or ".LOG" => DocumentKind.Text,
                ".PDF" => DocumentKind.Pdf,
                ".DOCX" => DocumentKind.Docx,
                _ => null,
            };
        }

        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToUpperInvariant();
        return mediaType switch
        {
            "TEXT/PLAIN" or "TEXT/MARKDOWN" or "TEXT/CSV" or "TEXT/TAB-SEPARATED-VALUES" => DocumentKind.Text,
            "APPLICATION/PDF" => DocumentKind.Pdf,
            "APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.WORDPROCESSINGML.DOCUMENT" => DocumentKind.Docx,
            "" or "APPLICATION/OCTET-STREAM" => Sniff(head),
            _ => null,
        };
    }

    /// <summary>
    /// The document's non-blank pages (PDF) or paragraphs (DOCX, TXT), in order, produced lazily so memory stays
    /// bounded by one unit rather than the whole document. <paramref name="content"/> is read from its start and
    /// must stay open while the result is enumerated; it is not disposed.
    /// </summary>
    /// <exception cref="DocumentRejectedException">
    /// Thrown by this call when the file is too large or its first bytes do not match <paramref name="claimed"/>,
    /// and during enumeration when the document is corrupt, encrypted or exceeds a limit.
    /// </exception>
    public static IEnumerable<DocumentSegment> Read(Stream content, DocumentKind claimed, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        limits ??= DocumentLimits.Default;
        limits.Validate();

        var stream = Seekable(content, limits.MaxBytes);
        Span<byte> buffer = stackalloc byte[FileSignature.HeadLength];
        var head = buffer[..stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)];
        stream.Position = 0;
        CheckSignature(claimed, head);

        return claimed switch
        {
            DocumentKind.Text => TextParagraphs.Read(stream, limits),
            DocumentKind.Pdf => PdfPages.Read(stream, limits),
            DocumentKind.Docx => DocxParagraphs.Read(stream, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(claimed), claimed, "not a document kind"),
        };
    }

    private static DocumentKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (FileSignature.StartsLikePdf(head))
        {
            return DocumentKind.Pdf;
        }

        if (FileSignature.IsZip(head))
        {
            return DocumentKind.Docx;
        }

        return FileSignature.Describe(head) is null && TextEncodingDetector.LooksLikeText(head) ? DocumentKind.Text : null;
    }

    private static Stream Seekable(Stream content, long maxBytes)
    {
        if (content.CanSeek)
        {
            if (content.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            content.Position = 0;
            return content;
        }

        // REVIEW: a forward-only stream is buffered whole: PdfPig and ZipArchive both need to seek.
        var copy = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            copy.Write(chunk, 0, read);
        }

        copy.Position = 0;
        return copy;
    }

    private static DocumentRejectedException TooLarge(long maxBytes) =>
        new($"the file is larger than {Sizes.Bytes(maxBytes)}");

    private static void CheckSignature(DocumentKind claimed, ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            throw new DocumentRejectedException("the file is empty");
        }

        var actual = FileSignature.Describe(head);
        switch (claimed)
        {
            case DocumentKind.Pdf when !FileSignature.IsPdf(head):
                throw new DocumentRejectedException(
                    $"the file is not a PDF: {(actual is null ? "it does not start with %PDF-" : "it starts like " + actual)}");
            case DocumentKind.Docx when !FileSignature.IsZip(head):
                throw new DocumentRejectedException(
                    $"the file is not a DOCX: {(actual is null ? "a DOCX is a ZIP archive and this is not one" : "it starts like " + actual)}");
            case DocumentKind.Text when actual is not null && !TextEncodingDetector.HasByteOrderMark(head):
                throw new DocumentRejectedException($"the file is not text: it starts like {actual}");
        }
    }
}
