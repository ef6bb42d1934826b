using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Pii;

namespace Quality;

/// <summary>One labelled line of the personal-data suite: the text, its language, and every entity in it (none for a look-alike).</summary>
internal sealed record PiiCase(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("entities")] IReadOnlyList<PiiSpan> Entities);

internal sealed record PiiSpan(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End);

/// <summary>True positives, false positives and false negatives of one label; a true positive is an exact span with the right label.</summary>
internal sealed class PiiCounts
{
    public int TruePositives { get; set; }

    public int FalsePositives { get; set; }

    public int FalseNegatives { get; set; }

    public int Expected => TruePositives + FalseNegatives;

    public int Found => TruePositives + FalsePositives;

    public double? Precision => Found == 0 ? null : (double)TruePositives / Found;

    public double? Recall => Expected == 0 ? null : (double)TruePositives / Expected;

    public double? F1 => Precision is { } p && Recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;
}

/// <summary>A case the detector got wrong: what was expected and what it found.</summary>
internal sealed record PiiFailure(PiiCase Case, IReadOnlyList<PiiSpan> Missed, IReadOnlyList<PiiSpan> Unexpected);

internal sealed record PiiResult(
    IReadOnlyDictionary<string, PiiCounts> Labels,
    PiiCounts Total,
    int Cases,
    int LookAlikeCases,
    int LookAlikeCasesWithEntities,
    IReadOnlyList<PiiFailure> Failures,
    IReadOnlyList<string> GateFailures)
{
    public bool Passed => GateFailures.Count == 0;
}

/// <summary>The personal-data suite through <see cref="PiiDetector.Default"/>, and its gate: per label, precision and recall at least a minimum; look-alikes find nothing.</summary>
internal static class PiiEvaluation
{
    public const double MinPrecision = 0.95;
    public const double MinRecall = 0.95;

    public static PiiResult Run(string path)
    {
        var labels = PiiLabels.All.Order(StringComparer.Ordinal).ToDictionary(l => l, _ => new PiiCounts(), StringComparer.Ordinal);
        var total = new PiiCounts();
        var failures = new List<PiiFailure>();
        int cases = 0, lookAlikes = 0, lookAlikesWithEntities = 0;
        foreach (var item in Read(path))
        {
            cases++;
            var found = PiiDetector.Default.Detect(item.Text).Select(e => new PiiSpan(e.Label, e.Start, e.End)).ToList();
            var missed = item.Entities.Except(found).ToList();
            var unexpected = found.Except(item.Entities).ToList();
            foreach (var span in item.Entities.Intersect(found))
            {
                labels[span.Label].TruePositives++;
                total.TruePositives++;
            }

            foreach (var span in missed)
            {
                labels[span.Label].FalseNegatives++;
                total.FalseNegatives++;
            }

            foreach (var span in unexpected)
            {
                labels[span.Label].FalsePositives++;
                total.FalsePositives++;
            }

            if (item.Entities.Count == 0)
            {
                lookAlikes++;
                lookAlikesWithEntities += found.Count > 0 ? 1 : 0;
            }

            if (missed.Count > 0 || unexpected.Count > 0)
            {
                failures.Add(new PiiFailure(item, missed, unexpected));
            }
        }

        return new PiiResult(labels, total, cases, lookAlikes, lookAlikesWithEntities, failures, Gate(labels, lookAlikesWithEntities, cases));
    }

    private static List<string> Gate(Dictionary<string, PiiCounts> labels, int lookAlikesWithEntities, int cases)
    {
        var failures = new List<string>();
        foreach (var (label, counts) in labels)
        {
            if (counts.Expected == 0)
            {
                failures.Add($"{label}: no case in the suite");
            }

            if ((counts.Precision ?? 1) < MinPrecision)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: precision {counts.Precision:0.000} < {MinPrecision:0.00}"));
            }

            if ((counts.Recall ?? 1) < MinRecall)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: recall {counts.Recall:0.000} < {MinRecall:0.00}"));
            }
        }

        if (lookAlikesWithEntities > 0)
        {
            failures.Add($"{lookAlikesWithEntities} look-alike-only text(s) produced an entity");
        }

        if (cases == 0)
        {
            failures.Add("the suite has no cases");
        }

        return failures;
    }

    /// <summary>Reads every non-blank line; a malformed line, an unknown label or a span outside its text fails with the file and line number.</summary>
    private static IEnumerable<PiiCase> Read(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            PiiCase? item;
            try
            {
                item = JsonSerializer.Deserialize<PiiCase>(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e);
            }

            if (item?.Text is null || item.Lang is null || item.Entities is null
                || item.Entities.Any(s => !PiiLabels.All.Contains(s.Label) || s.Start < 0 || s.End <= s.Start || s.End > item.Text.Length))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected {{\"text\", \"lang\", \"entities\": [{{\"label\", \"start\", \"end\"}}]}} with known labels and spans inside the text");
            }

            yield return item;
        }
    }
}
