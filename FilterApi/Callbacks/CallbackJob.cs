namespace FilterApi.Callbacks;

/// <summary>
/// A result waiting to be POSTed, as the spool keeps it. The result is computed when the request is accepted and
/// kept encrypted (Data Protection), so the spool holds no text a client sent; only delivery waits. The attempt
/// count travels with the job, so a job that crashes delivery cannot crash-loop restarts: it runs out of attempts.
/// </summary>
/// <param name="ProtectedBody">The JSON body to POST, encrypted.</param>
/// <param name="KeyId">The key that asked for the callback (its quota of pending jobs).</param>
/// <param name="ProtectedSigningKey">The key's signing secret, encrypted, when it has one: results are signed with it.</param>
/// <param name="Attempts">Delivery attempts made so far.</param>
internal sealed record CallbackJob(
    Guid TrackingId, Uri Url, string ProtectedBody, string KeyId, string? ProtectedSigningKey, DateTimeOffset AcceptedAt, int Attempts = 0);

/// <summary>Whether a callback was accepted, and if not, which limit refused it.</summary>
internal enum CallbackAcceptance
{
    Accepted,
    QueueFull,
    KeyQuotaFull,
    SpoolFull,
}
