using System.Globalization;

namespace Quality;

/// <summary>The personal-data tables on standard output, after the lexicon suite: per label, the gate, and the cases missed.</summary>
internal static class PiiReport
{
    public static void Write(TextWriter output, string path, PiiResult result)
    {
        output.WriteLine();
        output.WriteLine($"## Personal data ({path})");
        output.WriteLine();
        output.WriteLine("A true positive is an entity with the expected label and exactly the expected span.");
        output.WriteLine();
        output.WriteLine("| label | expected | found | true positives | precision | recall | F1 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, c) in result.Labels.Append(new("all", result.Total)))
        {
            output.WriteLine($"| {label} | {c.Expected} | {c.Found} | {c.TruePositives} | {Rate(c.Precision)} | {Rate(c.Recall)} | {Rate(c.F1)} |");
        }

        output.WriteLine();
        output.WriteLine($"{result.Cases} texts; {result.LookAlikeCases} hold look-alikes only, of which {result.LookAlikeCasesWithEntities} produced an entity.");
        output.WriteLine();
        output.WriteLine($"### Wrong cases: {result.Failures.Count}");
        output.WriteLine();
        if (result.Failures.Count > 0)
        {
            output.WriteLine("| lang | text | missed | unexpected |");
            output.WriteLine("|---|---|---|---|");
            foreach (var failure in result.Failures)
            {
                output.WriteLine($"| {failure.Case.Lang} | {Cell(failure.Case.Text)} | {Spans(failure.Case.Text, failure.Missed)} | {Spans(failure.Case.Text, failure.Unexpected)} |");
            }

            output.WriteLine();
        }

        var rule = string.Create(CultureInfo.InvariantCulture, $"precision ≥ {PiiEvaluation.MinPrecision:0.00} and recall ≥ {PiiEvaluation.MinRecall:0.00} for every label; look-alikes find nothing");
        output.WriteLine(result.Passed ? $"Personal-data gate passed: {rule}." : $"Personal-data gate FAILED ({rule}):");
        foreach (var failure in result.GateFailures)
        {
            output.WriteLine($"- {failure}");
        }
    }

    private static string Spans(string text, IReadOnlyList<PiiSpan> spans) =>
        string.Join(", ", spans.Select(s => $"{s.Label} `{Cell(text[s.Start..s.End])}`"));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Rate(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";
}
