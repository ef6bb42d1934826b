using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Blazor.Account;

/// <summary>
/// The signed-in operator's FilterApi token. It lives only in the data-protected auth cookie (a claim of the
/// principal), is read on the server and is never rendered.
/// </summary>
public sealed class OperatorSession(AuthenticationStateProvider authentication)
{
    /// <summary>The claim holding the admin token.</summary>
    public const string AccessTokenClaim = "filterapi_token";

    /// <summary>The claim holding when the token expires (Unix seconds).</summary>
    public const string ExpiresAtClaim = "filterapi_token_expires";

    public async Task<string?> AccessTokenAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return IsExpired(state.User, DateTimeOffset.UtcNow) ? null : state.User.FindFirst(AccessTokenClaim)?.Value;
    }

    public static bool IsExpired(ClaimsPrincipal user, DateTimeOffset now) =>
        user.FindFirst(ExpiresAtClaim)?.Value is not { } value
        || !long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        || DateTimeOffset.FromUnixTimeSeconds(seconds) <= now;
}
