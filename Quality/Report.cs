using System.Globalization;
using System.Text;
using Moderation.Engine.Scoring;

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
        var rule = string.Create(CultureInfo.InvariantCulture,
            $"each model within {TierGate.ModelTolerance} of the lexicon's F1 or above it, combined (chat) beats every tier and stays at or above F1 {floors}, community flags at most {TierGate.MaxCommunityFalsePositiveRate:0%} of clean texts, expected calibration error at most {Calibration.MaxExpectedError}");
        output.WriteLine(failures.Count == 0 ? $"ML tier gate passed: {rule}." : $"ML tier gate FAILED ({rule}):");
        foreach (var failure in failures)
        {
            output.WriteLine($"- {failure}");
        }

        output.WriteLine();
    }

    /// <summary>Each language's thresholds (both models answering) and what they give on dev.</summary>
    public static void WriteThresholds(TextWriter output, TierCombiner combiner, TierTables tables)
    {
        output.WriteLine("| lang | target | threshold | precision | recall | F1 | false-positive rate |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var lang in TierCombiner.Languages)
        {
            var weights = combiner.Weights[lang]["lexicon+fasttext+kobert"];
            foreach (var (target, threshold, table) in new[] { ("chat", weights.ChatThreshold, tables.Chat), ("community", weights.CommunityThreshold, tables.Community) })
            {
                var c = table.Rows.First(r => r.Key == lang).Confusion;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {lang} | {target} | {threshold:0.000} | {Rate(c.Precision)} | {Rate(c.Recall)} | {Rate(c.F1)} | {Rate(c.FalsePositiveRate)} |"));
            }
        }

        output.WriteLine();
    }

    /// <summary>The reliability table: per language and score bin, the mean score against the share that is abusive.</summary>
    public static void WriteCalibration(TextWriter output, string path, IReadOnlyList<Reliability> reliability)
    {
        output.WriteLine($"## Calibration of the combined score on {path}");
        output.WriteLine();
        output.WriteLine($"| score bin | {string.Join(" | ", reliability.Select(r => $"{r.Lang} texts | {r.Lang} mean score | {r.Lang} abusive"))} |");
        output.WriteLine($"|---|{string.Concat(reliability.Select(_ => "---:|---:|---:|"))}");
        for (var bin = 0; bin < Calibration.BinCount; bin++)
        {
            var cells = reliability.Select(r => r.Bins[bin]).Select(b =>
                b.Count == 0 ? "0 | | " : string.Create(CultureInfo.InvariantCulture, $"{b.Count} | {b.MeanScore:0.000} | {b.Observed:0.000}"));
            var range = reliability[0].Bins[bin];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {range.Low:0.0}–{range.High:0.0} | {string.Join(" | ", cells)} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Join("; ", reliability.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Lang} expected calibration error {r.ExpectedError:0.000} ({(r.ExpectedError <= Calibration.MaxExpectedError ? "within" : "ABOVE")} {Calibration.MaxExpectedError:0.00})"))));
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
