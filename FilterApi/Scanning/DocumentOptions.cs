using System.ComponentModel.DataAnnotations;

namespace FilterApi.Scanning;

/// <summary>Document scanning (section <c>Documents</c>).</summary>
internal sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest file accepted (10 MiB); a larger one is refused with 413 before anything is parsed.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most findings in one answer; the rest are counted out with <c>truncated: true</c>.</summary>
    [Range(1, 100_000)]
    public int MaxFindings { get; set; } = 1_000;

    /// <summary>The multipart envelope around the file (boundaries, part headers, other small fields) on top of <see cref="MaxBytes"/>.</summary>
    public const int EnvelopeBytes = 64 * 1024;
}
