using System.Globalization;
using System.Text.Json.Nodes;
using FilterApi.Filtering;
using FilterApi.Http;

namespace FilterApi.Guard;

/// <summary>
/// The guard's errors in OpenAI's shape, <c>{"error": {"message", "type", "code", "param"}}</c>, so OpenAI clients
/// raise their own error types with the status and code; the rest of the gateway answers problem documents.
/// </summary>
internal static class GuardErrors
{
    public const string ContentFilter = "content_filter";

    public static IResult Of(int status, string message, string type, string? code, JsonObject? details = null)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["param"] = null },
        };
        if (details is not null)
        {
            body[GuardReport.PropertyName] = details;
        }

        return Results.Json(body, statusCode: status);
    }

    /// <summary>The admission's refusals (4000, 4010, 4030, 4130, 4150, 4290 with <c>Retry-After</c>) as OpenAI answers them.</summary>
    public static IResult Refuse(HttpContext context, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = FilterStatusCodes.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }

        return refusal.Code switch
        {
            4010 => Of(401, Message(refusal, "a valid API key is required (Authorization: Bearer KEY)"), "authentication_error", "invalid_api_key"),
            4030 => Of(403, Message(refusal, "the API key may not call the guard"), "permission_error", "permission_denied"),
            4130 => Of(413, Message(refusal, "the request is too large"), "invalid_request_error", "request_too_large"),
            4150 => Of(415, Message(refusal, "unsupported media type"), "invalid_request_error", "unsupported_media_type"),
            4290 => Of(429, $"rate limit reached; retry after {FilterStatusCodes.RetryAfterSeconds(refusal.RetryAfter ?? TimeSpan.FromSeconds(1))} s",
                "requests", "rate_limit_exceeded"),
            _ => BadRequest(Message(refusal, "the request is invalid")),
        };
    }

    public static IResult BadRequest(string message, string code = "invalid_request", JsonObject? details = null) =>
        Of(400, message, "invalid_request_error", code, details);

    public static IResult Blocked(string message, JsonObject? details) => Of(400, message, "invalid_request_error", ContentFilter, details);

    public static IResult CheckFailed(string direction, JsonObject? details) =>
        Of(503, $"the {direction} check failed and this key fails closed; retry later", "server_error", "guard_check_failed", details);

    public static IResult NotConfigured() =>
        Of(503, "no upstream LLM is configured (ConnectionStrings:llm or ConnectionStrings:ollama)", "server_error", "upstream_not_configured");

    public static IResult Unreachable(string why, JsonObject? details = null) =>
        Of(502, $"the upstream LLM could not be reached: {why}", "api_error", "upstream_unreachable", details);

    public static IResult UpstreamTimeout(JsonObject? details = null) =>
        Of(504, "the upstream LLM did not answer in time", "api_error", "upstream_timeout", details);

    public static IResult Internal(Guid trackingId, JsonObject? details = null) =>
        Of(500, $"the request could not be processed; it was logged under {trackingId}", "server_error", "internal_error", details);

    private static string Message(Refusal refusal, string fallback) => string.IsNullOrEmpty(refusal.Detail) ? fallback : refusal.Detail;
}
