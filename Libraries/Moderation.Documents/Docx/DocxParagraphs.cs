using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Moderation.Documents.Docx;

/// <summary>
/// A DOCX's paragraphs: every <c>w:p</c> of the main document in document order, those in tables and text boxes
/// included, numbered from 1 counting empty ones (as Word's paragraph marks do); only non-blank ones are produced.
/// Read with <see cref="OpenXmlReader"/>, element by element, so a large body is never a tree in memory. Visible text
/// only: deleted revisions and field codes are left out, and a text box's legacy fallback copy is skipped.
/// </summary>
internal static class DocxParagraphs
{
    /// <summary>Word documents and templates, macro-enabled ones included: their text is read, never their macros.</summary>
    private static readonly HashSet<string> WordContentTypes =
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ];

    public static IEnumerable<DocumentSegment> Read(Stream stream, DocumentLimits limits) =>
        Read(stream, limits, new ExpansionBudget(limits.MaxExpandedBytes, "the DOCX"));

    /// <summary>As <see cref="Read(Stream, DocumentLimits)"/>, with the budget passed in so tests can read it.</summary>
    internal static IEnumerable<DocumentSegment> Read(Stream stream, DocumentLimits limits, ExpansionBudget budget)
    {
        DocxArchive.Check(stream, limits, budget);
        stream.Position = 0;
        using var document = Open(stream, limits);
        var main = document.MainDocumentPart
            ?? throw new DocumentRejectedException("the file is not a DOCX: the package has no Word document (word/document.xml)");
        if (!WordContentTypes.Contains(main.ContentType))
        {
            throw new DocumentRejectedException($"the file is not a DOCX: its main part is {main.ContentType}, not a Word document");
        }

        using var walker = new ParagraphWalker(main, new TextBudget(limits.MaxTextChars));
        while (walker.Next() is { } paragraph)
        {
            yield return paragraph;
        }
    }

    private static WordprocessingDocument Open(Stream stream, DocumentLimits limits)
    {
        try
        {
            return WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings
            {
                AutoSave = false,
                MaxCharactersInPart = limits.MaxExpandedBytes,
            });
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or NotSupportedException)
        {
            throw new DocumentRejectedException($"the file is not a readable DOCX: {e.Message}", e);
        }
    }

    /// <summary>Walks the main part's XML and returns each non-blank paragraph as it closes.</summary>
    private sealed class ParagraphWalker(MainDocumentPart main, TextBudget budget) : IDisposable
    {
        private readonly OpenXmlReader _reader = OpenXmlReader.Create(main);
        private readonly Stack<(int Number, StringBuilder Text)> _open = new();
        private int _count;
        private int _fallbackDepth;

        public DocumentSegment? Next()
        {
            try
            {
                while (_reader.Read())
                {
                    if (Visit() is { } paragraph)
                    {
                        return paragraph;
                    }
                }

                return null;
            }
            catch (Exception e) when (e is XmlException or InvalidDataException or IOException or InvalidOperationException)
            {
                throw new DocumentRejectedException($"the file is a corrupt DOCX: {e.Message}", e);
            }
        }

        public void Dispose() => _reader.Dispose();

        private DocumentSegment? Visit()
        {
            var type = _reader.ElementType;
            if (type == typeof(DocumentFormat.OpenXml.AlternateContentFallback))
            {
                _fallbackDepth += _reader.IsStartElement ? 1 : -1;
                return null;
            }

            if (_fallbackDepth > 0)
            {
                return null;
            }

            if (type == typeof(Paragraph))
            {
                if (_reader.IsStartElement)
                {
                    _open.Push((++_count, new StringBuilder()));
                    return null;
                }

                var (number, text) = _open.Pop();
                budget.Charge(text.Length);
                return string.IsNullOrWhiteSpace(text.ToString()) ? null : new(DocumentSegment.Paragraph, number, text.ToString());
            }

            if (!_reader.IsStartElement || _open.Count == 0)
            {
                return null;
            }

            var current = _open.Peek().Text;
            if (type == typeof(Text))
            {
                current.Append(_reader.GetText());
            }
            else if (type == typeof(TabChar) || type == typeof(PositionalTab))
            {
                current.Append('\t');
            }
            else if (type == typeof(Break) || type == typeof(CarriageReturn))
            {
                current.Append('\n');
            }
            else if (type == typeof(NoBreakHyphen))
            {
                current.Append('-');
            }

            return null;
        }
    }
}
