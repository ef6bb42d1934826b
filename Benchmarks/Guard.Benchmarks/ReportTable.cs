using System.Globalization;

namespace Guard.Benchmarks;

/// <summary>
/// The closing Markdown table: per scenario its direct baseline, then each guarded path with its times over the
/// baseline's (p50 and mean) and what it adds at the median.
/// </summary>
internal sealed class ReportTable
{
    private readonly List<(string Scenario, Measurement Direct, List<Measurement> Guarded)> _scenarios = [];

    public void Add(string scenario, Measurement direct, params Measurement[] guarded) => _scenarios.Add((scenario, direct, [.. guarded]));

    public void Print(TextWriter output)
    {
        output.WriteLine("| scenario | path | n | p50 ms | p95 ms | mean ms | req/s | p50 ×direct | mean ×direct | p50 +ms |");
        output.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (scenario, direct, guarded) in _scenarios)
        {
            Row(output, scenario, direct, null);
            foreach (var measurement in guarded)
            {
                Row(output, "", measurement, direct);
            }
        }
    }

    private static void Row(TextWriter output, string scenario, Measurement m, Measurement? direct) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {scenario} | {m.Name} | {m.Count:N0} | {m.P50:F3} | {m.P95:F3} | {m.Mean:F3} | {m.PerSecond:N0} | " +
        $"{(direct is null ? "1.00" : (m.P50 / direct.P50).ToString("F2", CultureInfo.InvariantCulture))} | " +
        $"{(direct is null ? "1.00" : (m.Mean / direct.Mean).ToString("F2", CultureInfo.InvariantCulture))} | " +
        $"{(direct is null ? "" : (m.P50 - direct.P50).ToString("+0.000;-0.000", CultureInfo.InvariantCulture))} |"));
}
