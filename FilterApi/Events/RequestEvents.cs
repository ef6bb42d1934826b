using FilterApi.Auth;
using FilterApi.Filtering;
using Moderation.Events;

namespace FilterApi.Events;

/// <summary>The events of one served request: <c>filter-log</c>, one <c>badword-log</c> per hit, <c>abuse-log</c> when abusive.</summary>
internal static class RequestEvents
{
    /// <summary>A lexicon-tier answer: abusive when anything was detected.</summary>
    public static void Served(
        IEventPublisher events, ApiKey key, Guid trackingId, string endpoint, string mode, IReadOnlyList<DetectedWord> detected, TimeSpan latency) =>
        Served(events, key, trackingId, endpoint, mode, detected.Count > 0 ? detected[0].Lang : "none", detected.Count > 0,
            [.. detected.Select(d => new Word(d.FilteredWord, d.Lang, d.Category, d.Severity))], latency);

    /// <summary>An answer whose decision is made elsewhere (the ML tier), with the lexicon hits behind it.</summary>
    public static void Served(
        IEventPublisher events, ApiKey key, Guid trackingId, string endpoint, string mode, string lang, bool abusive,
        IReadOnlyList<Word> words, TimeSpan latency)
    {
        var at = DateTime.UtcNow;
        events.TryPublish(new RequestServed(Guid.CreateVersion7(), at, trackingId, key.Id, endpoint, mode, lang, abusive, words.Count, latency.TotalMilliseconds));
        foreach (var word in words)
        {
            events.TryPublish(new WordDetected(Guid.CreateVersion7(), at, trackingId, key.Id, word.Term, word.Lang, word.Category, word.Severity));
        }

        if (abusive)
        {
            events.TryPublish(new AbuseDetected(Guid.CreateVersion7(), at, trackingId, key.Id));
        }
    }

    /// <summary>A lexicon entry that was hit.</summary>
    public sealed record Word(string Term, string Lang, string Category, int Severity);
}
