using System.Text.RegularExpressions;
using FilterApi.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FilterApi.Admin;

/// <summary>
/// The form of <c>POST /token</c>, read within <see cref="AdminOptions.MaxLoginRequestBytes"/> and with a user
/// name of the one shape accounts have, before any limit is counted, the database asked or a password hashed.
/// </summary>
internal sealed partial record LoginRequest(string Username, string Password)
{
    /// <summary>What a user name may be: <see cref="AdminOptions.Username"/> is held to it too.</summary>
    public const string UsernamePattern = "^[A-Za-z0-9._-]{1,64}$";

    public static async Task<Outcome<LoginRequest>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        // Not HasFormContentType: that admits multipart bodies too, which this reader does not parse.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.BadRequest("send application/x-www-form-urlencoded with username and password");
        }

        if (!(await RequestBody.ReadAsync(request, maxBytes, cancellationToken)).TryGetValue(out var body, out var refusal))
        {
            return refusal;
        }

        using (body)
        {
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body.Memory, out var bytes);
            using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            using var reader = new FormReader(stream) { ValueCountLimit = 8, KeyLengthLimit = 64, ValueLengthLimit = maxBytes };
            Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
            try
            {
                form = await reader.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException e) // thrown only for the limits above
            {
                return Refusal.BadRequest($"form exceeds a limit: {e.Message}");
            }

            var username = form.GetValueOrDefault("username").ToString().Trim();
            var password = form.GetValueOrDefault("password").ToString();
            if (username.Length == 0 || password.Length == 0)
            {
                return Refusal.BadRequest("username and password are required");
            }

            return UsernameShape().IsMatch(username)
                ? new LoginRequest(username, password)
                : Refusal.BadRequest("username must be 1 to 64 ASCII letters, digits, '.', '_' or '-'");
        }
    }

    [GeneratedRegex(UsernamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UsernameShape();
}
