using System.Diagnostics.Metrics;

namespace FilterApi.Filtering;

/// <summary>Counters for the filter endpoint, exported on <c>/metrics</c>.</summary>
internal sealed class FilterMetrics
{
    public const string MeterName = "Moderation.FilterApi";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _detections;

    public FilterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("moderation.filter.requests", description: "Filter requests by status code");
        _detections = meter.CreateCounter<long>("moderation.filter.detections", description: "Lexicon hits reported");
    }

    public void Answered(int statusCode) => _requests.Add(1, new KeyValuePair<string, object?>("status_code", statusCode));

    public void Detected(int count) => _detections.Add(count);
}
