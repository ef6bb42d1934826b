namespace Moderation.Documents;

/// <summary>The document types the gateway reads text out of.</summary>
public enum DocumentKind
{
    /// <summary>Plain text: UTF-8, UTF-16/32 with a byte-order mark, CP949 (EUC-KR) or GB18030.</summary>
    Text,

    /// <summary>PDF, read page by page with PdfPig.</summary>
    Pdf,

    /// <summary>Word's Office Open XML (.docx), read paragraph by paragraph with the Open XML SDK.</summary>
    Docx,
}
