using System.ComponentModel.DataAnnotations;

namespace FilterApi.Filtering;

/// <summary>Limits of <c>POST /api/v1/filter</c> (section <c>Filter</c>).</summary>
internal sealed class FilterOptions
{
    public const string Section = "Filter";

    /// <summary>Longest accepted <c>text</c>, in UTF-16 code units.</summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Largest accepted request body; must leave room for <see cref="MaxTextLength"/> escaped characters.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
