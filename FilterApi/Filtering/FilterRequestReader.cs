using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace FilterApi.Filtering;

/// <summary>
/// Reads a filter request from a JSON or form body. The contract answers every malformed body with 4000 and a
/// reason, so binding is done here rather than by the framework (whose failures are bare HTTP 400s).
/// </summary>
internal static class FilterRequestReader
{
    /// <returns>The request, or the reason it could not be read.</returns>
    public static async Task<(FilterRequest? Request, string? Error)> ReadAsync(HttpRequest http, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (http.ContentLength > maxBodyBytes)
        {
            return (null, $"request body is larger than {maxBodyBytes} bytes");
        }

        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var contentType))
        {
            return (null, "unsupported content type: send application/json or application/x-www-form-urlencoded");
        }

        if (contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = await http.ReadFormAsync(cancellationToken);
            return (new FilterRequest(form["text"].FirstOrDefault(), form["mode"].FirstOrDefault(), form["callbackUrl"].FirstOrDefault()), null);
        }

        if (!contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"unsupported content type '{contentType.MediaType}': send application/json or application/x-www-form-urlencoded");
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBodyBytes)
            {
                return (null, $"request body is larger than {maxBodyBytes} bytes");
            }

            body.Write(buffer, 0, read);
        }

        return body.Length == 0 ? (null, "request body is empty") : ParseJson(body.GetBuffer().AsMemory(0, (int)body.Length));
    }

    private static (FilterRequest?, string?) ParseJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "malformed JSON body: expected an object");
            }

            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (!FieldNames.Contains(property.Name))
                {
                    continue; // unknown fields are ignored, as clients add their own
                }

                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, $"{property.Name} must be a string");
                }

                fields[property.Name] = property.Value.GetString();
            }

            return (new FilterRequest(fields.GetValueOrDefault("text"), fields.GetValueOrDefault("mode"), fields.GetValueOrDefault("callbackUrl")), null);
        }
        catch (JsonException e)
        {
            return (null, $"malformed JSON body: {e.Message}");
        }
    }

    private static readonly HashSet<string> FieldNames = new(["text", "mode", "callbackUrl"], StringComparer.OrdinalIgnoreCase);
}
