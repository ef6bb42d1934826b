using Bunit;
using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Keys;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components;

public sealed class IssuedKeyDialogTests : ComponentTestContext
{
    private const string Key = "mgk_test_key_0123456789abcdef";
    private const string Secret = "mgs_test_secret_fedcba9876543210";

    private static readonly IssuedKey Issued = new("k1", Key, Secret, new KeyView(
        "k1", "mgk_test", "checkout", "ops@example.com", ["filter"], "ACTIVE", false, 600, DateTime.UtcNow, null, null, null, 0));

    [Fact]
    public async Task TheKeyAndSecretAreShownOnceWithAWarningAndAreGoneWhenTheOperatorCloses()
    {
        var (provider, dialog) = await ShowAsync();

        Assert.Equal(Key, provider.Find("code[aria-labelledby=issued-key-label]").TextContent);
        Assert.Equal(Secret, provider.Find("code[aria-labelledby=issued-secret-label]").TextContent);
        Assert.Contains("shown only this once", provider.Find("[role=alert]").TextContent, StringComparison.Ordinal);

        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Contains("I have copied them", StringComparison.Ordinal)).Click());

        Assert.False((await dialog.Result)!.Canceled);
        Assert.DoesNotContain(Key, provider.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyingTheKeyPutsExactlyTheKeyOnTheClipboardAndSaysSo()
    {
        var console = JSInterop.SetupModule("./console.js");
        var copy = console.Setup<bool>("copyText", _ => true);
        copy.SetResult(true);
        var (provider, _) = await ShowAsync();

        await provider.InvokeAsync(() => provider.Find("button[aria-label='Copy the API key']").Click());

        Assert.Equal(Key, copy.Invocations.Single().Arguments.Single());
        provider.WaitForAssertion(() => Assert.Contains("The API key is copied.", provider.Find("[aria-live=polite]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheBrowserRefusesTheClipboardTheOperatorIsToldToCopyByHand()
    {
        JSInterop.SetupModule("./console.js").Setup<bool>("copyText", _ => true).SetResult(false);
        var (provider, _) = await ShowAsync();

        await provider.InvokeAsync(() => provider.Find("button[aria-label='Copy the signing secret']").Click());

        provider.WaitForAssertion(() => Assert.Contains(
            "The browser did not allow copying: select the text and copy it.", provider.Find("[aria-live=polite]").TextContent, StringComparison.Ordinal));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<IssuedKeyDialog>(
            "Key issued", new DialogParameters<IssuedKeyDialog> { { d => d.Issued, Issued } }));
        return (provider, dialog);
    }
}
