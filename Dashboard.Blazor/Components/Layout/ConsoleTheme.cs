using MudBlazor;

namespace Dashboard.Blazor.Components.Layout;

/// <summary>
/// MudBlazor's theme with the system font stack (no web-font download) for Hangul and Latin alike, and palettes
/// whose text colours reach WCAG AA (4.5:1) where MudBlazor's defaults do not: its status colours used as text on
/// their light tints (alerts, chips, fields in error), and in dark mode its primary on the drawer, white on a filled
/// primary button and secondary text on paper.
/// </summary>
internal static class ConsoleTheme
{
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Noto Sans KR", "Malgun Gothic", "Roboto", "sans-serif"];

    public static MudTheme Create() => new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
        PaletteLight = new PaletteLight
        {
            Success = "#1b5e20",
            Warning = "#8a4500",
            Error = "#b71c1c",
            Info = "#01579b",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#b3abff",
            PrimaryContrastText = "#16161a",
            TextSecondary = "#c8c8cc",
            DrawerText = "#e6e6ea",
            DrawerIcon = "#e6e6ea",
            Success = "#81c784",
            SuccessContrastText = "#16161a",
            Warning = "#ffb74d",
            WarningContrastText = "#16161a",
            Error = "#ef9a9a",
            ErrorContrastText = "#16161a",
            Info = "#81d4fa",
            InfoContrastText = "#16161a",
        },
    };
}
