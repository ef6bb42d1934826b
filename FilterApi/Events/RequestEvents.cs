using FilterApi.Auth;
using FilterApi.Filtering;
using Moderation.Events;

namespace FilterApi.Events;

/// <summary>The events of one served request: <c>filter-log</c>, one <c>badword-log</c> per hit, <c>abuse-log</c> when abusive.</summary>
internal static class RequestEvents
{
    public static void Served(
        IEventPublisher events, ApiKey key, Guid trackingId, string endpoint, string mode, IReadOnlyList<DetectedWord> detected, TimeSpan latency)
    {
        var at = DateTime.UtcNow;
        var abusive = detected.Count > 0;
        events.TryPublish(new RequestServed(Guid.CreateVersion7(), at, trackingId, key.Id, endpoint, mode,
            abusive ? detected[0].Lang : "none", abusive, detected.Count, latency.TotalMilliseconds));
        foreach (var word in detected)
        {
            events.TryPublish(new WordDetected(Guid.CreateVersion7(), at, trackingId, key.Id, word.FilteredWord, word.Lang, word.Category, word.Severity));
        }

        if (abusive)
        {
            events.TryPublish(new AbuseDetected(Guid.CreateVersion7(), at, trackingId, key.Id));
        }
    }
}
