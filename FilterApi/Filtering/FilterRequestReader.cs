using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
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

        var isForm = contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isForm
            && !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"unsupported content type '{contentType.MediaType}': send application/json or application/x-www-form-urlencoded");
        }

        try
        {
            return isForm
                ? await ReadFormAsync(http, maxBodyBytes, cancellationToken)
                : await ReadJsonAsync(http, maxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) // Kestrel's own limits, or a broken chunked encoding
        {
            return (null, $"request body could not be read: {e.Message}");
        }
    }

    private static async Task<(FilterRequest?, string?)> ReadFormAsync(HttpRequest http, int maxBodyBytes, CancellationToken cancellationToken)
    {
        // These limits bound what the form reader buffers even for a chunked body, which has no Content-Length
        // to check up front: at most 16 fields of MaxBodyBytes each. What is left unread the server discards.
        var limits = new FormOptions { ValueCountLimit = 16, KeyLengthLimit = 256, ValueLengthLimit = maxBodyBytes };
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(limits, cancellationToken);
        }
        catch (InvalidDataException e) // thrown only for the limits above
        {
            return (null, $"form body exceeds a limit: {e.Message}");
        }

        return (new FilterRequest(form["text"].FirstOrDefault(), form["mode"].FirstOrDefault(), form["callbackUrl"].FirstOrDefault()), null);
    }

    private static async Task<(FilterRequest?, string?)> ReadJsonAsync(HttpRequest http, int maxBodyBytes, CancellationToken cancellationToken)
    {
        // Pooled buffer: this runs on every request, and a fresh 16 KB array each time showed up under load.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(http.ContentLength ?? 4096, maxBodyBytes) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBodyBytes)
                    {
                        return (null, $"request body is larger than {maxBodyBytes} bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await http.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > maxBodyBytes)
            {
                return (null, $"request body is larger than {maxBodyBytes} bytes");
            }

            return length == 0 ? (null, "request body is empty") : ParseJson(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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

                try
                {
                    fields[property.Name] = property.Value.GetString();
                }
                catch (InvalidOperationException)
                {
                    // Invalid UTF-8 bytes or an escaped unpaired surrogate ("\ud800"): not text the engine can judge.
                    return (null, $"malformed JSON body: {property.Name} is not valid Unicode text");
                }
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
