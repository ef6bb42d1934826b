namespace FilterApi.Admin;

/// <summary>The answer of <c>POST /token</c>, in OAuth 2.0 form.</summary>
public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>One page of a list, with the total to page through it.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>One admin action.</summary>
public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Action, string Target, string? Detail);

/// <summary>Paging as every admin list takes it: <c>page</c> from 1, <c>pageSize</c> 1 to 100.</summary>
internal static class Paging
{
    public const int MaxPageSize = 100;

    public static (int Page, int PageSize, string? Error) Read(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1)
        {
            return (0, 0, "page starts at 1");
        }

        return size is < 1 or > MaxPageSize ? (0, 0, $"pageSize must be 1 to {MaxPageSize}") : (p, size, null);
    }
}
