using System.Net;
using System.Text.Json;

namespace Dashboard.Blazor.AdminApi;

/// <summary>Turns a refused answer from FilterApi (an RFC 7807 problem document, or none) into an <see cref="ApiFailure"/>.</summary>
internal static class ProblemReader
{
    public static async Task<ApiFailure> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return ApiFailure.SessionExpired;
        }

        var (detail, errors) = await ReadProblemAsync(response, cancellationToken);
        var kind = response.StatusCode switch
        {
            HttpStatusCode.BadRequest when errors.Count > 0 => ApiFailureKind.Validation,
            HttpStatusCode.NotFound => ApiFailureKind.NotFound,
            >= HttpStatusCode.InternalServerError => ApiFailureKind.Unavailable,
            _ => ApiFailureKind.Refused,
        };
        return new ApiFailure(kind, detail ?? $"{(int)response.StatusCode} {response.ReasonPhrase}", errors);
    }

    private static async Task<(string? Detail, Dictionary<string, string[]> Errors)> ReadProblemAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return (null, errors);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, errors);
            }

            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.ToString())];
                }
            }

            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (detail, errors);
        }
        catch (JsonException)
        {
            return (null, errors);
        }
    }
}
