using System.Diagnostics;
using System.Text.Json.Nodes;
using FilterApi.Auth;
using FilterApi.Events;
using Moderation.Events;

namespace FilterApi.Guard;

/// <summary>
/// What one guarded chat counts in the statistics: per side checked, <c>BLOCKING</c>, <c>MASKING</c> per label masked,
/// or <c>NONE</c>; a check that failed or timed out is counted as such too. Labels and counts only, never values.
/// </summary>
internal static class GuardEvents
{
    public static Task ServedAsync(IEventPublisher events, ApiKey key, Guid trackingId, GuardReport report, long started)
    {
        List<FindingCount> findings = [.. Side("input", report.Input, report.InputBlocked), .. Side("output", report.Output, report.OutputBlocked)];
        return RequestEvents.ServedAsync(events, key, trackingId, "guard", "chat", "none", report.InputBlocked || report.OutputBlocked,
            [], Stopwatch.GetElapsedTime(started), findings);
    }

    private static IEnumerable<FindingCount> Side(string direction, CheckRecord? record, bool blocked)
    {
        if (record is null)
        {
            yield break; // that side was not checked
        }

        if (record.Status != "success")
        {
            yield return FindingKinds.GuardAction(direction, record.Status.ToUpperInvariant(), null);
        }

        var masked = Labels(record.Data).CountBy(label => label).ToList();
        foreach (var (label, count) in masked)
        {
            yield return FindingKinds.GuardAction(direction, "MASKING", label, count);
        }

        if (blocked)
        {
            yield return FindingKinds.GuardAction(direction, "BLOCKING", null);
        }
        else if (masked.Count == 0)
        {
            yield return FindingKinds.GuardAction(direction, "NONE", null);
        }
    }

    /// <summary>The labels of the identifier's entities in a check's <c>data</c> (one record, or a list of records).</summary>
    private static IEnumerable<string> Labels(JsonNode? data)
    {
        if (data is JsonArray list)
        {
            return list.SelectMany(Labels);
        }

        return data is JsonObject record && record["type"]?.GetValue<string>() == "identifier" && record["data"]?["entities"] is JsonArray entities
            ? entities.Select(e => e?["label"]?.GetValue<string>()).OfType<string>()
            : [];
    }
}
