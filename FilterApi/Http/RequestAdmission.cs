using FilterApi.Auth;
using FilterApi.Filtering;
using Microsoft.Extensions.Options;

namespace FilterApi.Http;

/// <summary>The bodies an endpoint takes.</summary>
internal enum RequestFormats
{
    Json,
    JsonOrForm,
    Multipart,
}

/// <summary>A request let through: the caller's key and the body's fields.</summary>
internal sealed record Admitted<T>(ApiKey Key, T Request);

/// <summary>Reads an endpoint's fields out of an admitted body (4000 and why when they are malformed).</summary>
internal delegate ValueTask<Outcome<T>> BodyParser<T>(RequestBody body, HttpRequest http, int maxBodyBytes);

/// <summary>
/// The admission every public text endpoint shares, in the contract's order: who is asking (4010, 4030; before
/// any body is read, so an unknown client learns nothing about it), the content type, the body within
/// <c>Filter:MaxBodyBytes</c> (4000) or the endpoint's own limit (4130), the signature and the key's rate limit
/// (4010, 4290), then the fields (4000).
/// </summary>
internal sealed class RequestAdmission(ApiKeyAuthenticator auth, IOptions<FilterOptions> options)
{
    /// <summary>The filter contract's body: <c>text</c>, <c>mode</c>, <c>callbackUrl</c>, as JSON or (where allowed) a form.</summary>
    public Task<Outcome<Admitted<FilterRequest>>> AdmitAsync(HttpRequest http, string scope, RequestFormats formats, CancellationToken cancellationToken) =>
        AdmitAsync(http, scope, formats, static async (body, http, max) => await FilterRequestReader.ParseAsync(body, IsForm(http), max), cancellationToken);

    /// <param name="maxBodyBytes">The endpoint's own limit, answered with 4130 when exceeded; by default <c>Filter:MaxBodyBytes</c>, answered with 4000.</param>
    public async Task<Outcome<Admitted<T>>> AdmitAsync<T>(
        HttpRequest http, string scope, RequestFormats formats, BodyParser<T> parse, CancellationToken cancellationToken, int? maxBodyBytes = null)
    {
        if (!(await auth.IdentifyAsync(http, scope, cancellationToken)).TryGetValue(out var key, out var refusal))
        {
            return refusal;
        }

        if (CheckContentType(http, formats) is { } unsupported)
        {
            return unsupported;
        }

        var limit = maxBodyBytes ?? options.Value.MaxBodyBytes;
        var tooLarge = maxBodyBytes is null ? Refusal.BadRequest : (Func<string, Refusal>)Refusal.PayloadTooLarge;
        if (!(await RequestBody.ReadAsync(http, limit, cancellationToken, tooLarge)).TryGetValue(out var body, out refusal))
        {
            return refusal;
        }

        using (body)
        {
            if (await auth.AdmitAsync(http, key, body.Memory, cancellationToken) is { } notAdmitted)
            {
                return notAdmitted;
            }

            return (await parse(body, http, limit)).TryGetValue(out var request, out refusal)
                ? new Admitted<T>(key, request)
                : refusal;
        }
    }

    private static bool IsForm(HttpRequest http) =>
        http.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <returns>Why the body's media type is not taken, or null.</returns>
    private static Refusal? CheckContentType(HttpRequest http, RequestFormats formats)
    {
        switch (formats)
        {
            case RequestFormats.JsonOrForm:
                return FilterRequestReader.CheckContentType(http).TryGetValue(out _, out var refusal) ? null : refusal;
            case RequestFormats.Multipart:
                return http.HasFormContentType && http.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : Refusal.UnsupportedMediaType("send the document as multipart/form-data with a part named file");
            default:
                // Routing answers 415 to other media types; a request without any Content-Type gets here.
                return http.HasJsonContentType() ? null : Refusal.BadRequest("Content-Type must be application/json");
        }
    }
}
