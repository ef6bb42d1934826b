using Dashboard.Blazor.Preferences;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Blazor.Components.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    private readonly MudTheme _theme = ConsoleTheme.Create();
    private bool _drawerOpen = true;
    private bool _darkMode;
    private IJSObjectReference? _preferences;
    private ErrorBoundary? _errors;

    [CascadingParameter]
    private UserPreferences? Preferences { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override void OnInitialized() => _darkMode = Preferences?.DarkMode ?? false;

    // A page that failed to render gets another chance when the operator navigates.
    protected override void OnParametersSet() => _errors?.Recover();

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        _preferences ??= await JS.InvokeAsync<IJSObjectReference>("import", "./console.js");
        await _preferences.InvokeVoidAsync("rememberTheme", _darkMode);
    }

    // The language is fixed for a circuit: reload through /culture/set, which sets the culture cookie.
    private void SetCulture(string culture)
    {
        var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(here)}", forceLoad: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_preferences is not null)
        {
            try
            {
                await _preferences.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone with the browser tab; nothing to release.
            }
        }
    }
}
