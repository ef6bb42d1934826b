using System.Text.Encodings.Web;
using System.Text.Json;

namespace Quality;

/// <summary><c>--json PATH</c>: the same numbers for scripts and CI dashboards.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep Hangul and Han readable in the file; it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string path, string? devPath, ConfusionTable? dev, string suitePath, SuiteResult suite, Gate gate)
    {
        var document = new
        {
            Dev = dev is null ? null : new { Path = devPath, Languages = Rows(dev, withTotal: true) },
            Suite = new
            {
                Path = suitePath,
                Languages = Rows(suite.Languages, withTotal: true),
                Kinds = Rows(suite.Kinds, withTotal: false),
                Missed = suite.Missed.Select(Case),
                FalsePositives = suite.FalsePositives.Select(Case),
            },
            Gate = new { gate.MinRecall, gate.MaxFalsePositiveRate, gate.Passed, gate.Failures },
        };

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
    }

    private static IEnumerable<object> Rows(ConfusionTable table, bool withTotal) =>
        (withTotal ? table.RowsWithTotal : table.Rows).Select(r => (object)new
        {
            r.Key,
            r.Confusion.Count,
            r.Confusion.Positives,
            r.Confusion.Negatives,
            r.Confusion.TruePositives,
            r.Confusion.FalsePositives,
            r.Confusion.Precision,
            r.Confusion.Recall,
            r.Confusion.F1,
            r.Confusion.FalsePositiveRate,
        });

    private static object Case(SuiteFailure failure) => new
    {
        failure.Case.Text,
        failure.Case.Lang,
        failure.Case.Kind,
        Detected = failure.Detections.Select(d => new { d.Matched, d.FilteredWord, d.Category }),
    };
}
