using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Engine.Benchmarks;

/// <summary>The closing table of <see cref="AdversarialTextBenchmarks"/>: per text and length, chars/s and the time over the ordinary text's.</summary>
internal static class AdversarialTable
{
    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var means = new Dictionary<(string Text, int Length), double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var benchmark = report.BenchmarkCase;
            if (benchmark.Descriptor.Type == typeof(AdversarialTextBenchmarks)
                && report.ResultStatistics is { Mean: > 0 } stats
                && benchmark.Parameters["Text"] is string text
                && benchmark.Parameters["Length"] is int length)
            {
                means[(text, length)] = stats.Mean;
            }
        }

        if (means.Count == 0)
        {
            return;
        }

        var lengths = means.Keys.Select(k => k.Length).Distinct().Order().ToList();
        output.WriteLine();
        output.WriteLine("| text | " + string.Join(" | ", lengths.Select(l => $"{l} chars/s | {l} time / ordinary")) + " |");
        output.WriteLine("|---|" + string.Concat(lengths.Select(_ => "---:|---:|")));
        foreach (var text in AdversarialTextBenchmarks.Texts.Where(t => lengths.Any(l => means.ContainsKey((t, l)))))
        {
            var cells = lengths.Select(length =>
            {
                if (!means.TryGetValue((text, length), out var ns))
                {
                    return "NA | NA";
                }

                var ratio = means.TryGetValue((AdversarialTextBenchmarks.Ordinary, length), out var ordinaryNs)
                    ? string.Create(CultureInfo.InvariantCulture, $"{ns / ordinaryNs:F2}")
                    : "NA";
                return $"{CharsPerSecondColumn.Format(length / (ns / 1e9))} | {ratio}";
            });
            output.WriteLine($"| {text} | {string.Join(" | ", cells)} |");
        }
    }
}
