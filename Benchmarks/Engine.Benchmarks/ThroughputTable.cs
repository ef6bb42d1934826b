using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Engine.Benchmarks;

/// <summary>
/// The closing table: per language and length, chars/s of the engine and of each baseline, and the engine's
/// time over the fastest baseline's (below 1: the engine is faster).
/// </summary>
internal static class ThroughputTable
{
    private static readonly string[] Baselines = ["RegexCompiled", "RegexNonBacktracking", "SearchValuesIndexOfAny"];

    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var means = new Dictionary<(string Lang, int Length, string Method), double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var benchmark = report.BenchmarkCase;
            if (benchmark.Descriptor.Type == typeof(LexiconTierBenchmarks)
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
        output.WriteLine("| lang | length | engine chars/s | " + string.Join(" | ", Baselines.Select(b => b + " chars/s")) + " | engine time / fastest baseline |");
        output.WriteLine("|---|---:|---:|" + string.Concat(Baselines.Select(_ => "---:|")) + "---:|");
        foreach (var (lang, length) in means.Keys.Select(k => (k.Lang, k.Length)).Distinct().OrderBy(k => LanguageOrder(k.Lang)).ThenBy(k => k.Length))
        {
            string Throughput(string method) => means.TryGetValue((lang, length, method), out var ns)
                ? CharsPerSecondColumn.Format(length / (ns / 1e9))
                : "NA";

            var fastest = Baselines
                .Select(b => means.TryGetValue((lang, length, b), out var ns) ? (Method: b, Ns: ns) : (Method: b, Ns: double.PositiveInfinity))
                .MinBy(b => b.Ns);
            var ratio = means.TryGetValue((lang, length, "Engine"), out var engineNs) && !double.IsPositiveInfinity(fastest.Ns)
                ? string.Create(CultureInfo.InvariantCulture, $"{engineNs / fastest.Ns:F2} ({fastest.Method})")
                : "NA";

            output.WriteLine($"| {lang} | {length} | {Throughput("Engine")} | {string.Join(" | ", Baselines.Select(Throughput))} | {ratio} |");
        }
    }

    // ko, en, zh as everywhere else in the project, not alphabetical.
    private static int LanguageOrder(string lang)
    {
        var languages = Moderation.Engine.Lexicons.Lexicon.Languages;
        for (var i = 0; i < languages.Count; i++)
        {
            if (languages[i] == lang)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
