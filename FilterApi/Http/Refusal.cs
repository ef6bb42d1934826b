namespace FilterApi.Http;

/// <summary>
/// Why a public request was refused, in the contract's codes: 4000 what was sent, 4010 who are you, 4030 not
/// allowed, 4130 too large, 4150 a kind of content the endpoint does not take, 4290 not now (with when to retry).
/// </summary>
internal sealed record Refusal(int Code, string Detail, TimeSpan? RetryAfter = null)
{
    public static Refusal BadRequest(string detail) => new(4000, detail);

    public static Refusal Unauthorized(string detail) => new(4010, detail);

    public static Refusal Forbidden(string detail) => new(4030, detail);

    public static Refusal PayloadTooLarge(string detail) => new(4130, detail);

    public static Refusal UnsupportedMediaType(string detail) => new(4150, detail);

    public static Refusal TooManyRequests(TimeSpan retryAfter) => new(4290, "", retryAfter);
}
