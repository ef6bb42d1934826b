namespace Moderation.Documents;

/// <summary>
/// The document cannot be read: its content does not match its type, it is corrupt or encrypted, or it exceeds a
/// <see cref="DocumentLimits"/> limit. <see cref="Detail"/> is written for the person who uploaded the file.
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException(string detail)
        : base(detail) => Detail = detail;

    public DocumentRejectedException(string detail, Exception innerException)
        : base(detail, innerException) => Detail = detail;

    public string Detail { get; }
}
