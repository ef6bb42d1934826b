using FilterApi.Auth;
using FilterApi.Filtering;
using Microsoft.Extensions.Options;

namespace FilterApi.Http;

/// <summary>The bodies an endpoint takes.</summary>
internal enum RequestFormats
{
    Json,
    JsonOrForm,
}

/// <summary>A request let through: the caller's key and the body's fields.</summary>
internal sealed record AdmittedRequest(ApiKey Key, FilterRequest Request);

/// <summary>
/// The admission every public text endpoint shares, in the contract's order: who is asking (4010, 4030; before
/// any body is read, so an unknown client learns nothing about it), the content type, the body within
/// <c>Filter:MaxBodyBytes</c> (4000), the signature and the key's rate limit (4010, 4290), then the fields (4000).
/// </summary>
internal sealed class RequestAdmission(ApiKeyAuthenticator auth, IOptions<FilterOptions> options)
{
    public async Task<Outcome<AdmittedRequest>> AdmitAsync(HttpRequest http, string scope, RequestFormats formats, CancellationToken cancellationToken)
    {
        if (!(await auth.IdentifyAsync(http, scope, cancellationToken)).TryGetValue(out var key, out var refusal)
            || !CheckContentType(http, formats).TryGetValue(out var isForm, out refusal))
        {
            return refusal;
        }

        var maxBodyBytes = options.Value.MaxBodyBytes;
        if (!(await RequestBody.ReadAsync(http, maxBodyBytes, cancellationToken)).TryGetValue(out var body, out refusal))
        {
            return refusal;
        }

        using (body)
        {
            if (await auth.AdmitAsync(http, key, body.Memory, cancellationToken) is { } notAdmitted)
            {
                return notAdmitted;
            }

            return (await FilterRequestReader.ParseAsync(body, isForm, maxBodyBytes)).TryGetValue(out var request, out refusal)
                ? new AdmittedRequest(key, request)
                : refusal;
        }
    }

    /// <returns>Whether the body is a form.</returns>
    private static Outcome<bool> CheckContentType(HttpRequest http, RequestFormats formats)
    {
        if (formats == RequestFormats.JsonOrForm)
        {
            return FilterRequestReader.CheckContentType(http);
        }

        // Routing answers 415 to other media types; a request without any Content-Type gets here.
        return http.HasJsonContentType() ? false : Refusal.BadRequest("Content-Type must be application/json");
    }
}
