using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Engine.Benchmarks;

/// <summary>Throughput: the text length (the <c>Length</c> parameter) divided by the mean time of one call.</summary>
internal sealed class CharsPerSecondColumn : IColumn
{
    public string Id => nameof(CharsPerSecondColumn);

    public string ColumnName => "Chars/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Characters of input scanned per second (Length / Mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 && benchmarkCase.Parameters["Length"] is int length
            ? Format(length / (meanNs.Value / 1e9))
            : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Chars/s with an SI prefix: 1.23 G, 456.7 M, 89.0 k.</summary>
    public static string Format(double charsPerSecond) => charsPerSecond switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{charsPerSecond / 1e9:F2} G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{charsPerSecond / 1e6:F1} M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{charsPerSecond / 1e3:F1} k"),
        _ => charsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
    };
}
