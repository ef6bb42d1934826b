using Dashboard.Blazor.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dashboard.Blazor.Preferences;

/// <summary><c>/culture/set</c>: the UI language, in the culture cookie the request localization middleware reads.</summary>
internal static class PreferenceEndpoints
{
    public static IEndpointRouteBuilder MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        // A GET the language menu links to (a circuit cannot set cookies); it changes nothing but the language.
        app.MapGet("/culture/set", SetCulture).AllowAnonymous();
        return app;
    }

    public static RedirectHttpResult SetCulture(
        HttpContext context, IOptions<RequestLocalizationOptions> options, [FromQuery] string? culture, [FromQuery] string? redirectUri)
    {
        if (options.Value.SupportedUICultures?.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)) is { } supported)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported, supported)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        return TypedResults.LocalRedirect(AccountEndpoints.LocalReturnUrl(redirectUri, allowAccountPages: true));
    }
}
