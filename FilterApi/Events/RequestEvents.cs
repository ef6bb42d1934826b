using FilterApi.Auth;
using FilterApi.Filtering;
using Moderation.Events;

namespace FilterApi.Events;

/// <summary>
/// The events of one served request: <c>filter-log</c>, one <c>badword-log</c> with each distinct word and its count (so
/// the entries per request are bounded, however many hits a text has), <c>abuse-log</c> when abusive.
/// </summary>
internal static class RequestEvents
{
    /// <summary>A lexicon-tier answer: abusive when anything was detected.</summary>
    public static Task ServedAsync(
        IEventPublisher events, ApiKey key, Guid trackingId, string endpoint, string mode, IReadOnlyList<DetectedWord> detected, TimeSpan latency) =>
        ServedAsync(events, key, trackingId, endpoint, mode, detected.Count > 0 ? detected[0].Lang : "none", detected.Count > 0,
            [.. detected.Select(d => new Word(d.FilteredWord, d.Lang, d.Category, d.Severity))], latency);

    /// <summary>An answer whose decision is made elsewhere (the ML tier), with the lexicon hits behind it.</summary>
    /// <returns>Completes when the events are durable (<see cref="IEventPublisher.PublishAsync"/>): await it before answering.</returns>
    public static Task ServedAsync(
        IEventPublisher events, ApiKey key, Guid trackingId, string endpoint, string mode, string lang, bool abusive,
        IReadOnlyList<Word> words, TimeSpan latency, IReadOnlyList<FindingCount>? findings = null)
    {
        var at = DateTime.UtcNow;
        List<GatewayEvent> served = [new RequestServed(
            Guid.CreateVersion7(), at, trackingId, key.Id, endpoint, mode, lang, abusive, words.Count, latency.TotalMilliseconds, findings is { Count: > 0 } ? findings : null)];
        if (words.Count > 0)
        {
            DetectedWordCount[] counts = [.. words.CountBy(w => w).Select(c => new DetectedWordCount(c.Key.Term, c.Key.Lang, c.Key.Category, c.Key.Severity, c.Value))];
            served.Add(new WordsDetected(Guid.CreateVersion7(), at, trackingId, key.Id, counts));
        }

        if (abusive)
        {
            served.Add(new AbuseDetected(Guid.CreateVersion7(), at, trackingId, key.Id));
        }

        return events.PublishAsync(served);
    }

    /// <summary>A lexicon entry that was hit.</summary>
    public sealed record Word(string Term, string Lang, string Category, int Severity);
}
