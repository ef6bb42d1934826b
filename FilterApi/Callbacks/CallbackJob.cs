using FilterApi.Filtering;

namespace FilterApi.Callbacks;

/// <summary>A result waiting to be POSTed. The result is computed when the request is accepted; only delivery waits.</summary>
internal sealed record CallbackJob(Guid TrackingId, Uri Url, FilterResponse Result, DateTimeOffset AcceptedAt);
