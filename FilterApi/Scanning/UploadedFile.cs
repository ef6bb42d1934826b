using FilterApi.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FilterApi.Scanning;

/// <summary>The <c>file</c> part of a multipart body already read into memory (so a signed request's hash covers it).</summary>
internal sealed record UploadedFile(string? Name, string? ContentType, ReadOnlyMemory<byte> Content)
{
    private const int MaxParts = 8;

    /// <summary>Finds the part named <c>file</c>; 4000 when the body has none or is not well-formed multipart, 4130 when the file is over <paramref name="maxFileBytes"/>.</summary>
    public static async ValueTask<Outcome<UploadedFile>> ReadAsync(RequestBody body, HttpRequest http, int maxFileBytes)
    {
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Refusal.BadRequest("multipart/form-data needs a boundary");
        }

        using var stream = new MemoryStream(body.Memory.ToArray(), writable: false);
        var reader = new MultipartReader(boundary, stream) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024, BodyLengthLimit = maxFileBytes + 1L };
        try
        {
            for (var part = 0; part < MaxParts && await reader.ReadNextSectionAsync() is { } section; part++)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    continue;
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content);
                if (content.Length > maxFileBytes)
                {
                    return Refusal.PayloadTooLarge($"the file is larger than {maxFileBytes} bytes");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return new UploadedFile(name, section.ContentType, content.GetBuffer().AsMemory(0, (int)content.Length));
            }
        }
        catch (InvalidDataException e) // a part over BodyLengthLimit, or a broken envelope
        {
            return e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)
                ? Refusal.PayloadTooLarge($"the file is larger than {maxFileBytes} bytes")
                : Refusal.BadRequest($"malformed multipart body: {e.Message}");
        }
        catch (IOException e)
        {
            return Refusal.BadRequest($"malformed multipart body: {e.Message}");
        }

        return Refusal.BadRequest("the multipart body has no part named file");
    }
}
