namespace Moderation.Documents;

/// <summary>
/// What a hostile or merely huge upload may cost. Each limit, when exceeded, rejects the whole document with a
/// <see cref="DocumentRejectedException"/> rather than skipping the rest, so nothing can hide past a limit.
/// </summary>
public sealed record DocumentLimits
{
    public static DocumentLimits Default { get; } = new();

    /// <summary>Size of the uploaded file. The endpoint checks it before reading; the reader checks again.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Pages of a PDF.</summary>
    public int MaxPages { get; init; } = 2_000;

    /// <summary>
    /// Characters of text over the whole document: one per byte of the largest upload by default, so every TXT within
    /// <see cref="MaxBytes"/> passes (10 MB of ASCII is 10 million characters) while PDF and DOCX text, which
    /// expands from compressed streams, stays bounded.
    /// </summary>
    public long MaxTextChars { get; init; } = 10 * 1024 * 1024;

    /// <summary>Entries (files) in a DOCX's ZIP archive; Word writes a dozen or two.</summary>
    public int MaxArchiveEntries { get; init; } = 1_000;

    /// <summary>
    /// Bytes that compressed content may expand to: the sum over a DOCX's entries, or over the compressed streams
    /// of a PDF. Counted while inflating, so a ZIP header that lies about sizes does not get past it.
    /// </summary>
    public long MaxExpandedBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>How many times larger than its compressed size a DOCX entry may be; text XML compresses ~5-20:1.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries up to this size may have any compression ratio (a page of repeated XML compresses well).</summary>
    public long CompressionRatioExemptBytes { get; init; } = 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTextChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxArchiveEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxExpandedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCompressionRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(CompressionRatioExemptBytes);
    }
}
