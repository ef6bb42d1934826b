using Moderation.Documents;

namespace Documents.Tests;

internal static class Read
{
    public static List<DocumentSegment> All(byte[] content, DocumentKind claimed, DocumentLimits? limits = null) =>
        [.. DocumentReader.Read(new MemoryStream(content, writable: false), claimed, limits)];

    /// <summary>The rejection's detail; fails the test when the document is read without one.</summary>
    public static string Rejection(byte[] content, DocumentKind claimed, DocumentLimits? limits = null) =>
        Assert.Throws<DocumentRejectedException>(() => All(content, claimed, limits)).Detail;
}
