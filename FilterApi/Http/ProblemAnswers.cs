using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FilterApi.Filtering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FilterApi.Http;

/// <summary>
/// The JSON endpoints' errors: an HTTP status with a problem document whose <c>code</c> matches the filter
/// contract's (400/4000, 401/4010, 403/4030, 413/4130, 415/4150, 429/4290 with <c>Retry-After</c>, 500/5000).
/// One place, so every endpoint refuses alike.
/// </summary>
internal static partial class ProblemAnswers
{
    /// <summary>Runs a handler; anything unexpected is logged under the tracking id and answered 500/5000.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> GuardAsync<T>(
        ILogger logger, Guid trackingId, Func<Task<Results<Ok<T>, ProblemHttpResult>>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, trackingId);
            return InternalError(trackingId);
        }
    }

    public static ProblemHttpResult Refuse(HttpContext context, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = FilterStatusCodes.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }

        if (refusal.Code is 4130 or 4150)
        {
            return Problem(null, refusal.Code / 10, refusal.Code, refusal.Detail);
        }

        var status = FilterStatusCodes.FromRefusal(refusal);
        return Problem(null, status.Code / 10, status.Code, string.IsNullOrEmpty(status.DetailDescription) ? status.Description : status.DetailDescription);
    }

    public static ProblemHttpResult Problem(Guid? trackingId, int httpStatus, int code, string detail)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (trackingId is { } id)
        {
            extensions["trackingId"] = id; // only where the request got far enough to be logged under one
        }

        return TypedResults.Problem(detail: detail, statusCode: httpStatus, extensions: extensions);
    }

    public static ProblemHttpResult InternalError(Guid trackingId) =>
        Problem(trackingId, 500, 5000, "the request could not be processed; it was logged under its trackingId");

    /// <summary>The rules every text field shares: present, not blank, at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsValidText([NotNullWhen(true)] string? text, int maxLength, [NotNullWhen(false)] out string? error)
    {
        if (text is null)
        {
            error = "text is required";
            return false;
        }

        error = text switch
        {
            { Length: 0 } => "text is empty",
            _ when string.IsNullOrWhiteSpace(text) => "text is only whitespace",
            { Length: var length } when length > maxLength => $"text is longer than {maxLength} characters ({length})",
            _ => null,
        };
        return error is null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {TrackingId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid trackingId);
}
