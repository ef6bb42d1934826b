using System.Diagnostics.CodeAnalysis;
using Moderation.Events;
using Moderation.Pii;

namespace FilterApi.Pii;

/// <summary>The identifier's request options and answer shapes, shared by every endpoint that finds personal data.</summary>
internal static class PiiRequestRules
{
    /// <summary>Reads <c>excludeLabels</c> (known labels only) and <c>operator</c> (placeholder by default).</summary>
    public static bool TryRead(
        PiiDetectRequest request, out IReadOnlySet<string>? excluded, out PiiOperator op, [NotNullWhen(false)] out string? error)
    {
        op = PiiOperator.Placeholder;
        return TryReadLabels(request.ExcludeLabels, out excluded, out error) && TryReadOperator(request.Operator, out op, out error);
    }

    public static bool TryReadLabels(IReadOnlyList<string>? labels, out IReadOnlySet<string>? excluded, [NotNullWhen(false)] out string? error)
    {
        excluded = null;
        error = null;
        if (labels is null || labels.Count == 0)
        {
            return true;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var upper = label?.Trim().ToUpperInvariant() ?? "";
            if (!PiiLabels.All.Contains(upper))
            {
                error = $"excludeLabels: '{Shorten(label)}' is not a label; use {string.Join(", ", PiiLabels.All.Order(StringComparer.Ordinal))}";
                return false;
            }

            set.Add(upper);
        }

        excluded = set;
        return true;
    }

    public static string Name(PiiOperator op) => op.ToString().ToLowerInvariant();

    public static IReadOnlyList<PiiEntityAnswer> Answers(string text, IReadOnlyList<PiiEntity> entities) =>
        [.. entities.Select(e => new PiiEntityAnswer(e.Label, text[e.Start..e.End], e.Start, e.End, Math.Round(e.Score, 2)))];

    /// <summary>How many values of each label were found: what events and statistics keep (never the values).</summary>
    public static IReadOnlyList<FindingCount> Findings(IEnumerable<PiiEntity> entities) =>
        [.. entities.CountBy(e => e.Label).Select(c => new FindingCount(FindingKinds.Pii, c.Key, c.Value))];

    private static bool TryReadOperator(string? name, out PiiOperator op, [NotNullWhen(false)] out string? error)
    {
        op = PiiOperator.Placeholder;
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return true;
        }

        switch (name.Trim().ToLowerInvariant())
        {
            case "placeholder":
                op = PiiOperator.Placeholder;
                break;
            case "mask":
                op = PiiOperator.Mask;
                break;
            case "redact":
                op = PiiOperator.Redact;
                break;
            default:
                error = $"operator '{Shorten(name)}' is invalid: use placeholder, mask or redact";
                return false;
        }

        return true;
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length <= 32 ? value : value[..32] + "…";
}
