namespace FilterApi.Filtering;

/// <summary>The business outcomes of the filter contract, one place for their codes and wording.</summary>
internal static class FilterStatusCodes
{
    public static FilterStatus Ok() => new(2000, "Ok", "The text was checked.", "");

    public static FilterStatus Accepted() =>
        new(2020, "Accepted", "The request was accepted; the result will be POSTed to callbackUrl.", "");

    public static FilterStatus BadRequest(string detail) =>
        new(4000, "Bad Request", "The request is missing a field, has an invalid one, or exceeds a limit.", detail);

    public static FilterStatus Unauthorized(string detail) =>
        new(4010, "Unauthorized", "A valid API key (x-api-key or Authorization: Bearer) is required, and a valid X-Auth-Token when the key requires signed requests.", detail);

    public static FilterStatus Forbidden(string detail) =>
        new(4030, "Forbidden", "The API key is revoked or expired, or lacks the scope for this endpoint.", detail);

    public static FilterStatus FromRefusal(Http.Refusal failure) => failure.Code switch
    {
        4000 => BadRequest(failure.Detail),
        4010 => Unauthorized(failure.Detail),
        4030 => Forbidden(failure.Detail),
        4290 => TooManyRequests(failure.RetryAfter ?? TimeSpan.FromSeconds(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Code, "not a refusal the contract knows"),
    };

    public static FilterStatus TooManyRequests(TimeSpan retryAfter) =>
        new(4290, "Too Many Requests", "The API key's request limit was reached.", $"retry after {RetryAfterSeconds(retryAfter)} s");

    public static FilterStatus CallbackQueueFull(TimeSpan retryAfter, Callbacks.CallbackAcceptance why = Callbacks.CallbackAcceptance.QueueFull) =>
        new(4290, "Too Many Requests", "Too many results are waiting for delivery to their callbackUrl.",
            why switch
            {
                Callbacks.CallbackAcceptance.KeyQuotaFull => $"this key's callback quota is full: retry after {RetryAfterSeconds(retryAfter)} s, or call without callbackUrl",
                Callbacks.CallbackAcceptance.SpoolFull => $"callback spool is full: retry after {RetryAfterSeconds(retryAfter)} s, or call without callbackUrl",
                _ => $"callback queue is full: retry after {RetryAfterSeconds(retryAfter)} s, or call without callbackUrl",
            });

    public static FilterStatus InternalError() =>
        new(5000, "Internal Error", "The request could not be processed; it was logged under its trackingId.", "");

    /// <summary>Whole seconds, at least one, as the <c>Retry-After</c> header wants them.</summary>
    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
