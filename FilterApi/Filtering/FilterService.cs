using System.Diagnostics;
using System.Globalization;
using Moderation.Engine;

namespace FilterApi.Filtering;

/// <summary>Runs the lexicon tier for one request and shapes the answer.</summary>
internal sealed class FilterService(EngineHolder engines, FilterMetrics metrics)
{
    public FilterResponse Filter(Guid trackingId, string text, FilterMode mode)
    {
        var started = Stopwatch.GetTimestamp();
        var engine = engines.Current; // one engine for the whole request, even if a lexicon swap happens meanwhile
        var detections = engine.Detect(text, firstOnly: mode == FilterMode.Quick);
        var filtered = mode == FilterMode.Filter ? ModerationEngine.Mask(text, detections) : text;
        var elapsed = Stopwatch.GetElapsedTime(started);

        metrics.Detected(detections.Count);
        var detected = detections
            .Select(d => new DetectedWord(d.Length, d.FilteredWord, d.Matched, d.Start, d.Lang, d.Category, d.Severity))
            .ToList();
        return new FilterResponse(trackingId, FilterStatusCodes.Ok(), detected, filtered, FormatElapsed(elapsed));
    }

    /// <summary>The same duration in three units, as the contract shows: <c>0.00007676 s / 0.07676 ms / 76.758 µs</c>.</summary>
    public static string FormatElapsed(TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"{elapsed.TotalSeconds:0.00000000} s / {elapsed.TotalMilliseconds:0.00000} ms / {elapsed.TotalMicroseconds:0.000} µs");
}
