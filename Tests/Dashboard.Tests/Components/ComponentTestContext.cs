using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>
/// A bUnit context with what the console registers for its components: MudBlazor's services and localization (the
/// English strings are the resource keys). JavaScript calls answer defaults unless a test sets them up.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }
}
