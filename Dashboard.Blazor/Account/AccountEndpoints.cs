using System.Globalization;
using System.Security.Claims;
using Dashboard.Blazor.AdminApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Blazor.Account;

/// <summary>Signing operators in and out of the console. The login form itself is the static page <c>/account/login</c>.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with an antiforgery token (checked by UseAntiforgery: the endpoint reads the form).
        app.MapPost("/account/logout", LogoutAsync).AllowAnonymous();
        return app;
    }

    public static async Task<RedirectHttpResult> LogoutAsync(HttpContext context, IFormCollection form)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/account/login?loggedOut=true");
    }

    /// <summary>
    /// Signs the operator in with a cookie that holds FilterApi's token and expires with it. The cookie is
    /// encrypted and signed with the Data Protection key ring; the token never reaches the browser in readable form.
    /// </summary>
    public static Task SignInAsync(HttpContext context, string username, TokenAnswer token)
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, username),
                new Claim(OperatorSession.AccessTokenClaim, token.AccessToken),
                new Claim(OperatorSession.ExpiresAtClaim, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = false, AllowRefresh = false });
    }

    /// <summary>A return address on this site only (no open redirect); the Overview otherwise.</summary>
    public static string LocalReturnUrl(string? returnUrl, bool allowAccountPages = false) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal)
            && (allowAccountPages || !url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase))
            ? url
            : "/";
}
