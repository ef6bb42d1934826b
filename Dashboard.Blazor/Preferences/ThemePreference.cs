namespace Dashboard.Blazor.Preferences;

/// <summary>The dark-mode choice, remembered in a plain cookie the browser writes (<c>wwwroot/js/preferences.js</c>).</summary>
public static class ThemePreference
{
    public const string CookieName = "dashboard.theme";

    public static bool IsDark(HttpContext context) => context.Request.Cookies[CookieName] == "dark";
}

/// <summary>What the layouts need to know of the operator's choices when a page starts.</summary>
public sealed record UserPreferences(bool DarkMode);
