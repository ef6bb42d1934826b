using Microsoft.Net.Http.Headers;

namespace FilterApi.Auth;

/// <summary>Reads the key from <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
internal static class ApiKeyReader
{
    public const string HeaderName = "x-api-key";

    public static string? Read(HttpRequest request)
    {
        var apiKey = request.Headers[HeaderName].ToString().Trim();
        if (apiKey.Length > 0)
        {
            return apiKey;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
