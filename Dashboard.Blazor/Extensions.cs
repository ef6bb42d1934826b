using Dashboard.Blazor.Account;
using Dashboard.Blazor.AdminApi;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Http.Resilience;
using MudBlazor.Services;

namespace Dashboard.Blazor;

internal static class Extensions
{
    /// <summary>Where FilterApi is: the Aspire service-discovery name, resolved from <c>services__filterapi__http__0</c>.</summary>
    private const string FilterApiAddress = "http://filterapi";

    public static void AddDashboardServices(this WebApplicationBuilder builder)
    {
        // The AppHost runs the console from its build output in Production: serve the framework's and MudBlazor's
        // files from where the build lists them (a no-op once published, when they sit in wwwroot).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            string[] cultures = ["en", "ko"];
            options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        });

        // One replica: the default key ring (a folder in the user's profile) protects the auth cookie and antiforgery
        // tokens. More replicas would need a shared ring (PersistKeysToStackExchangeRedis, as FilterApi does).
        services.AddDataProtection().SetApplicationName("moderation-dashboard");

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/login";
                options.Cookie.Name = "dashboard.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // The cookie lives exactly as long as the FilterApi token inside it (set per sign-in), never longer.
                options.SlidingExpiration = false;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<OperatorSession>();

        services.AddHttpClient<AdminApiClient>(client => client.BaseAddress = new Uri(FilterApiAddress));
        // ServiceDefaults retries every client's failed calls; issuing a key or logging in must not happen twice.
        services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());
    }
}
