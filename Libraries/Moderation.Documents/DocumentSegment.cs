namespace Moderation.Documents;

/// <summary>
/// One unit of a document's text: a PDF page, or a DOCX or TXT paragraph. Offsets a caller reports are UTF-16
/// offsets inside <see cref="Text"/>, which is exactly the text extracted, so <c>Text.IndexOf</c> finds them again.
/// </summary>
/// <param name="Unit"><see cref="Page"/> for PDF, <see cref="Paragraph"/> for DOCX and TXT.</param>
/// <param name="Number">1-based: the page number, or the paragraph's position among all paragraphs (blank ones included).</param>
/// <param name="Text">The unit's text; never blank (blank units are counted but not produced).</param>
public sealed record DocumentSegment(string Unit, int Number, string Text)
{
    public const string Page = "page";
    public const string Paragraph = "paragraph";
}
