using System.Globalization;
using System.Text;

namespace Quality;

/// <summary>The Markdown report on standard output: dev.jsonl table, suite tables, the failing suite cases, the gate.</summary>
internal static class Report
{
    public static void WriteDev(TextWriter output, string path, ConfusionTable dev)
    {
        output.WriteLine($"## Lexicon tier on {path}");
        output.WriteLine();
        output.WriteLine("Flagged = at least one detection (QUICK mode).");
        output.WriteLine();
        output.WriteLine("| lang | texts | label 1 | flagged | precision | recall | F1 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (lang, c) in dev.RowsWithTotal)
        {
            output.WriteLine($"| {lang} | {c.Count} | {c.Positives} | {c.Flagged} | {Rate(c.Precision)} | {Rate(c.Recall)} | {Rate(c.F1)} |");
        }

        output.WriteLine();
    }

    public static void WriteTiers(TextWriter output, string path, TierTables tables, IReadOnlyList<string> failures)
    {
        output.WriteLine($"## ML tier on {path}");
        output.WriteLine();
        output.WriteLine("Each model at its own per-language threshold; combined = the decision of POST /api/v1/analyze/{chat|community}.");
        output.WriteLine();
        WriteTierRows(output, tables, "flagged | precision | recall | F1", c => $"{c.Flagged} | {Rate(c.Precision)} | {Rate(c.Recall)} | {Rate(c.F1)}");

        output.WriteLine();
        foreach (var line in TierGate.TargetLines(tables))
        {
            output.WriteLine($"- {line}");
        }

        output.WriteLine();
        var floors = string.Join(", ", TierGate.Floors.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:0.000}")));
        var rule = $"each model beats the lexicon, combined (chat) beats every tier and stays at or above F1 {floors}";
        output.WriteLine(failures.Count == 0 ? $"ML tier gate passed: {rule}." : $"ML tier gate FAILED ({rule}):");
        foreach (var failure in failures)
        {
            output.WriteLine($"- {failure}");
        }

        output.WriteLine();
    }

    public static void WriteTierSuite(TextWriter output, string path, TierTables tables)
    {
        output.WriteLine($"## ML tier on the evasion and false-positive suite ({path})");
        output.WriteLine();
        WriteTierRows(output, tables, "label-1 cases | recall | label-0 cases | false-positive rate",
            c => $"{c.Positives} | {Rate(c.Recall)} | {c.Negatives} | {Rate(c.FalsePositiveRate)}");
        output.WriteLine();
    }

    /// <summary>One row per language and tier; <paramref name="header"/> names the four numeric columns <paramref name="cells"/> fills.</summary>
    private static void WriteTierRows(TextWriter output, TierTables tables, string header, Func<Confusion, string> cells)
    {
        output.WriteLine($"| lang | tier | {header} |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var lang in tables.Lexicon.RowsWithTotal.Select(r => r.Key))
        {
            foreach (var (tier, table) in tables.All)
            {
                output.WriteLine($"| {lang} | {tier} | {cells(table.RowsWithTotal.First(r => r.Key == lang).Confusion)} |");
            }
        }
    }

    public static void WriteSuite(TextWriter output, string path, SuiteResult suite)
    {
        output.WriteLine($"## Evasion and false-positive suite ({path})");
        output.WriteLine();
        output.WriteLine("| lang | label-1 cases | recall | label-0 cases | false-positive rate |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (lang, c) in suite.Languages.RowsWithTotal)
        {
            output.WriteLine($"| {lang} | {c.Positives} | {Rate(c.Recall)} | {c.Negatives} | {Rate(c.FalsePositiveRate)} |");
        }

        output.WriteLine();
        output.WriteLine("| kind | label-1 cases | recall | label-0 cases | false-positive rate |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (kind, c) in suite.Kinds.Rows.OrderBy(r => r.Confusion.Negatives > 0).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"| {kind} | {c.Positives} | {Rate(c.Recall)} | {c.Negatives} | {Rate(c.FalsePositiveRate)} |");
        }

        output.WriteLine();
        WriteFailures(output, "Missed (label 1, nothing detected)", suite.Missed);
        WriteFailures(output, "False positives (label 0, something detected)", suite.FalsePositives);
    }

    public static void WriteGate(TextWriter output, Gate gate)
    {
        var thresholds = string.Create(CultureInfo.InvariantCulture, $"recall ≥ {gate.MinRecall:0.00} and false-positive rate ≤ {gate.MaxFalsePositiveRate:0.00} in every language");
        output.WriteLine(gate.Passed ? $"Gate passed: {thresholds}." : $"Gate FAILED ({thresholds}):");
        foreach (var failure in gate.Failures)
        {
            output.WriteLine($"- {failure}");
        }
    }

    private static void WriteFailures(TextWriter output, string title, IReadOnlyList<SuiteFailure> failures)
    {
        output.WriteLine($"### {title}: {failures.Count}");
        output.WriteLine();
        if (failures.Count == 0)
        {
            return;
        }

        output.WriteLine("| lang | kind | text | detected |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (item, detections) in failures)
        {
            var detected = string.Join(", ", detections.Select(d => $"{Cell(d.Matched)} → {Cell(d.FilteredWord)}"));
            output.WriteLine($"| {item.Lang} | {item.Kind} | {Cell(item.Text)} | {detected} |");
        }

        output.WriteLine();
    }

    private static string Rate(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";

    /// <summary>A table cell: pipes escaped, and invisible characters (zero-width, controls) shown as \uXXXX so evasion cases stay readable.</summary>
    private static string Cell(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (c == '|')
            {
                builder.Append("\\|");
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
