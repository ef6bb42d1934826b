using System.Text.Json;
using FilterApi.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FilterApi.Filtering;

/// <summary>
/// Reads a filter request from a JSON or form body. The contract answers every malformed body with 4000 and a
/// reason, so binding is done here rather than by the framework (whose failures are bare HTTP 400s).
/// </summary>
internal static class FilterRequestReader
{
    private static readonly HashSet<string> FieldNames = new(["text", "mode", "callbackUrl"], StringComparer.OrdinalIgnoreCase);

    /// <returns>Whether the body is a form, or why its content type is not accepted.</returns>
    public static Outcome<bool> CheckContentType(HttpRequest http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var contentType))
        {
            return Refusal.BadRequest("unsupported content type: send application/json or application/x-www-form-urlencoded");
        }

        if (contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? false
            : Refusal.BadRequest($"unsupported content type '{contentType.MediaType}': send application/json or application/x-www-form-urlencoded");
    }

    /// <returns>The request, or the reason it could not be read.</returns>
    public static async Task<Outcome<FilterRequest>> ParseAsync(RequestBody body, bool isForm, int maxBodyBytes)
    {
        if (body.Length == 0)
        {
            return Refusal.BadRequest("request body is empty");
        }

        return isForm ? await ParseFormAsync(body, maxBodyBytes) : ParseJson(body.Memory);
    }

    private static async Task<Outcome<FilterRequest>> ParseFormAsync(RequestBody body, int maxBodyBytes)
    {
        // At most 16 fields: a form of many tiny fields costs more to parse than its size suggests.
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body.Memory, out var bytes);
        using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        using var reader = new FormReader(stream) { ValueCountLimit = 16, KeyLengthLimit = 256, ValueLengthLimit = maxBodyBytes };
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            form = await reader.ReadFormAsync();
        }
        catch (InvalidDataException e) // thrown only for the limits above
        {
            return Refusal.BadRequest($"form body exceeds a limit: {e.Message}");
        }

        return new FilterRequest(First(form, "text"), First(form, "mode"), First(form, "callbackUrl"));

        static string? First(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string name) =>
            form.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;
    }

    private static Outcome<FilterRequest> ParseJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refusal.BadRequest("malformed JSON body: expected an object");
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
                    return Refusal.BadRequest($"{property.Name} must be a string");
                }

                try
                {
                    fields[property.Name] = property.Value.GetString();
                }
                catch (InvalidOperationException)
                {
                    // Invalid UTF-8 bytes or an escaped unpaired surrogate ("\ud800"): not text the engine can judge.
                    return Refusal.BadRequest($"malformed JSON body: {property.Name} is not valid Unicode text");
                }
            }

            return new FilterRequest(fields.GetValueOrDefault("text"), fields.GetValueOrDefault("mode"), fields.GetValueOrDefault("callbackUrl"));
        }
        catch (JsonException e)
        {
            return Refusal.BadRequest($"malformed JSON body: {e.Message}");
        }
    }
}
