using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Engine.Benchmarks;

/// <summary>The closing table of <see cref="PiiBenchmarks"/>: chars/s of each contender, and the identifier's time over the lexicon tier's and the regex set's.</summary>
internal static class PiiTable
{
    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var means = new Dictionary<(string Lang, int Length, string Method), double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var benchmark = report.BenchmarkCase;
            if (benchmark.Descriptor.Type == typeof(PiiBenchmarks)
                && report.ResultStatistics is { Mean: > 0 } stats
                && benchmark.Parameters["Lang"] is string lang
                && benchmark.Parameters["Length"] is int length)
            {
                means[(lang, length, benchmark.Descriptor.WorkloadMethod.Name)] = stats.Mean;
            }
        }

        if (means.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| lang | length | PII chars/s | lexicon chars/s | regex set chars/s | PII time / lexicon | PII time / regex set |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (lang, length) in means.Keys.Select(k => (k.Lang, k.Length)).Distinct().OrderBy(k => Order(k.Lang)).ThenBy(k => k.Length))
        {
            string Throughput(string method) => means.TryGetValue((lang, length, method), out var ns) ? CharsPerSecondColumn.Format(length / (ns / 1e9)) : "NA";
            string Ratio(string other) => means.TryGetValue((lang, length, nameof(PiiBenchmarks.Pii)), out var pii) && means.TryGetValue((lang, length, other), out var ns)
                ? string.Create(CultureInfo.InvariantCulture, $"{pii / ns:F2}")
                : "NA";

            output.WriteLine($"| {lang} | {length} | {Throughput(nameof(PiiBenchmarks.Pii))} | {Throughput(nameof(PiiBenchmarks.Lexicon))} | "
                + $"{Throughput(nameof(PiiBenchmarks.RegexSet))} | {Ratio(nameof(PiiBenchmarks.Lexicon))} | {Ratio(nameof(PiiBenchmarks.RegexSet))} |");
        }
    }

    private static int Order(string lang) => lang switch { "ko" => 0, "en" => 1, "zh" => 2, _ => 3 };
}
