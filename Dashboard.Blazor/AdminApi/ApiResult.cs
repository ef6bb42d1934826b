using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Blazor.AdminApi;

/// <summary>What went wrong with a call to FilterApi, in the terms a page shows.</summary>
public enum ApiFailureKind
{
    /// <summary>401: the operator's token expired or is gone; the page sends them to the login page.</summary>
    SessionExpired,

    /// <summary>400 with <c>errors</c> per field.</summary>
    Validation,
    NotFound,

    /// <summary>FilterApi is down, timed out or answered 5xx.</summary>
    Unavailable,

    /// <summary>Any other refusal (403, 409, 413, 415, 429…), with FilterApi's problem detail.</summary>
    Refused,
}

/// <param name="Errors">Per field (camelCase, as FilterApi names them) for <see cref="ApiFailureKind.Validation"/>.</param>
public sealed record ApiFailure(ApiFailureKind Kind, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly ApiFailure SessionExpired = new(ApiFailureKind.SessionExpired, null, new Dictionary<string, string[]>());

    public static ApiFailure Unavailable(string? detail) => new(ApiFailureKind.Unavailable, detail, new Dictionary<string, string[]>());

    /// <summary>The messages for one field, matched case-insensitively; empty when it has none.</summary>
    public IReadOnlyList<string> For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];
}

/// <summary>A call's value, or why there is none.</summary>
public sealed record ApiResult<T>(T? Value, ApiFailure? Failure)
{
    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ApiFailure? failure)
    {
        value = Value;
        failure = Failure;
        return Failure is null && value is not null;
    }
}

/// <summary>Makes <see cref="ApiResult{T}"/>s.</summary>
public static class ApiResult
{
    public static ApiResult<T> Ok<T>(T value) => new(value, null);

    public static ApiResult<T> Fail<T>(ApiFailure failure) => new(default, failure);
}
