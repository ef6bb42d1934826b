using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>
/// A bUnit context with what the console registers for its components: MudBlazor's services and localization (the
/// English strings are the resource keys). JavaScript calls answer defaults unless a test sets them up.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        // The English strings, whatever the machine's language (the console speaks Korean to a Korean browser).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Some of MudBlazor's services (the dialog's) can only be disposed asynchronously; xunit 2 disposes this way first.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
