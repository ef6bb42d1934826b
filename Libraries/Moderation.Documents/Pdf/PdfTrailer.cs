using System.Buffers;

namespace Moderation.Documents.Pdf;

/// <summary>
/// A PDF ends with <c>startxref</c>, the offset of its cross-reference table, and <c>%%EOF</c>. PdfPig reconstructs
/// files without one by scanning every byte for objects, which takes about a second on 10 MB of garbage; requiring
/// the keyword near the end refuses random bytes and truncated uploads at once. The window is wider than the
/// 1 KB Acrobat allows for <c>%%EOF</c> so that mail gateways' trailing junk still passes.
/// </summary>
internal static class PdfTrailer
{
    public const int Window = 4096;

    public static void Check(Stream stream)
    {
        var length = (int)Math.Min(stream.Length, Window);
        var tail = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.Position = stream.Length - length;
            stream.ReadExactly(tail, 0, length);
            stream.Position = 0;
            if (tail.AsSpan(0, length).IndexOf("startxref"u8) < 0)
            {
                throw new DocumentRejectedException(
                    "the file is a corrupt PDF: it does not end with a cross-reference trailer (truncated, or not a PDF)");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }
}
