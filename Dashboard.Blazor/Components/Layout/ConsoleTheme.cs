using MudBlazor;

namespace Dashboard.Blazor.Components.Layout;

/// <summary>MudBlazor's theme with the system font stack (no web-font download) for Hangul and Latin alike.</summary>
internal static class ConsoleTheme
{
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Noto Sans KR", "Malgun Gothic", "Roboto", "sans-serif"];

    public static MudTheme Create() => new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
    };
}
