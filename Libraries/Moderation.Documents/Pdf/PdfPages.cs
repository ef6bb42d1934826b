using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Filters;

namespace Moderation.Documents.Pdf;

/// <summary>
/// A PDF's pages with PdfPig, one at a time. Page text comes from <see cref="ContentOrderTextExtractor"/>: letters in
/// the order the page draws them, words split by spaces and lines by newlines, so CJK text stays unspaced. Encrypted
/// PDFs are refused even when they open without a password (owner-only restrictions): the issue asks for it, and a
/// document its author locked is not one to take apart.
/// </summary>
internal static class PdfPages
{
    public static IEnumerable<DocumentSegment> Read(Stream stream, DocumentLimits limits) =>
        Read(stream, limits, new ExpansionBudget(limits.MaxExpandedBytes, "the PDF's compressed content"));

    /// <summary>As <see cref="Read(Stream, DocumentLimits)"/>, with the budget passed in so tests can read it.</summary>
    internal static IEnumerable<DocumentSegment> Read(Stream stream, DocumentLimits limits, ExpansionBudget budget)
    {
        PdfTrailer.Check(stream);
        using var document = Open(stream, budget);
        if (document.IsEncrypted)
        {
            throw new DocumentRejectedException("the PDF is encrypted; upload a copy without a password or restrictions");
        }

        if (document.NumberOfPages > limits.MaxPages)
        {
            throw new DocumentRejectedException(
                $"the PDF has more than {Sizes.Number(limits.MaxPages)} pages ({Sizes.Number(document.NumberOfPages)})");
        }

        var text = new TextBudget(limits.MaxTextChars);
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            var page = PageText(document, number);
            text.Charge(page.Length);
            if (!string.IsNullOrWhiteSpace(page))
            {
                yield return new(DocumentSegment.Page, number, page);
            }
        }
    }

    private static PdfDocument Open(Stream stream, ExpansionBudget budget)
    {
        var options = new ParsingOptions
        {
            // Lenient parsing stays on: real PDFs often have wrong xref offsets, and it rejects garbage as fast.
            UseLenientParsing = true,
            SkipMissingFonts = true,
            FilterProvider = new BoundedFilterProvider(DefaultFilterProvider.Instance, budget),
        };
        try
        {
            return PdfDocument.Open(stream, options);
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentRejectedException("the PDF is encrypted with a password; upload a copy without one", e);
        }
        catch (Exception e) when (e is not (DocumentRejectedException or OutOfMemoryException))
        {
            throw new DocumentRejectedException($"the file is a corrupt PDF: {e.Message}", e);
        }
    }

    private static string PageText(PdfDocument document, int number)
    {
        try
        {
            return ContentOrderTextExtractor.GetText(document.GetPage(number));
        }
        catch (Exception e) when (e is not (DocumentRejectedException or OutOfMemoryException))
        {
            throw new DocumentRejectedException($"the file is a corrupt PDF: page {number} cannot be read ({e.Message})", e);
        }
    }
}
