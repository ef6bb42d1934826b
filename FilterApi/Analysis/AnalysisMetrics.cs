using System.Diagnostics.Metrics;

namespace FilterApi.Analysis;

/// <summary>Counters for the ML tier, exported on <c>/metrics</c>.</summary>
internal sealed class AnalysisMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _missed;
    private readonly Histogram<int> _batchSize;

    public AnalysisMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Filtering.FilterMetrics.MeterName);
        _requests = meter.CreateCounter<long>("moderation.analyze.requests", description: "Analyze and predict answers by endpoint and whether they were degraded");
        _missed = meter.CreateCounter<long>("moderation.models.missed", description: "Texts a model server did not score, by model and reason");
        _batchSize = meter.CreateHistogram<int>("moderation.models.batch_size", description: "Texts per /predict call to a model server");
    }

    public void Answered(string endpoint, bool degraded) => _requests.Add(1,
        new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("degraded", degraded));

    public void Missed(string model, string reason) => _missed.Add(1,
        new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason));

    public void Batch(string model, int size) => _batchSize.Record(size, new KeyValuePair<string, object?>("model", model));
}
