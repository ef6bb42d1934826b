using System.Diagnostics.Metrics;

namespace FilterApi.Llm;

/// <summary>The LLM judge on <c>/metrics</c>: counts and timings only, never text.</summary>
internal sealed class LlmMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cache;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _verdicts;

    public LlmMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Filtering.FilterMetrics.MeterName);
        // Seconds, not the default buckets (0–10,000, made for milliseconds): a judgement takes 0.1–30 s.
        _duration = meter.CreateHistogram("moderation.llm.duration", unit: "s", description: "Model calls of the LLM judge by outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60] });
        _cache = meter.CreateCounter<long>("moderation.llm.cache", description: "Verdict cache lookups by result (hit, miss, error)");
        _failures = meter.CreateCounter<long>("moderation.llm.failures", description: "Judgements without a verdict, by reason");
        _verdicts = meter.CreateCounter<long>("moderation.llm.verdicts",
            description: "Verdicts by outcome and category (one per category; 'none' when there is none) and whether cached");
    }

    public void Called(LlmOutcome outcome, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome.Name()));

    public void CacheLookup(string result) => _cache.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Failed(LlmFailure failure) => _failures.Add(1, new KeyValuePair<string, object?>("reason", failure.Name()));

    public void Judged(LlmVerdict verdict)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", verdict.Outcome.Name());
        var cached = new KeyValuePair<string, object?>("cached", verdict.Cached);
        if (verdict.Categories.Count == 0)
        {
            _verdicts.Add(1, outcome, new("category", "none"), cached);
        }

        foreach (var category in verdict.Categories)
        {
            _verdicts.Add(1, outcome, new("category", category), cached);
        }
    }
}
