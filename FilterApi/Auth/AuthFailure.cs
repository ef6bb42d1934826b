namespace FilterApi.Auth;

/// <summary>Why a request was refused, in the contract's codes: 4010 who are you, 4030 not allowed, 4290 not now.</summary>
internal sealed record AuthFailure(int Code, string Detail, TimeSpan? RetryAfter = null)
{
    public static AuthFailure Unauthorized(string detail) => new(4010, detail);

    public static AuthFailure Forbidden(string detail) => new(4030, detail);

    public static AuthFailure TooManyRequests(TimeSpan retryAfter) => new(4290, "", retryAfter);
}
