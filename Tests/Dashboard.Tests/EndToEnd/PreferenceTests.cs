using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The operator's choices: dark mode and the language, each remembered across a reload.</summary>
[Collection(ConsoleTests.Name)]
public sealed class PreferenceTests(ConsoleFixture console)
{
    [Fact]
    public async Task DarkModeIsAccessibleOnEveryPageAndStaysAfterAReload()
    {
        var page = await console.SignedInPageAsync();
        var accessibility = new Accessibility();
        await Artifacts.OnFailureScreenshotAsync(page, "dark-mode", async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
            // The browser writes the choice a moment after the button changes.
            await Eventually.TrueAsync(
                async () => (await page.Context.CookiesAsync()).Any(c => c is { Name: "dashboard.theme", Value: "dark" }), "the theme cookie says dark");
            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();

            foreach (var (link, name) in Operator.Pages)
            {
                await Operator.OpenAsync(page, link);
                await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);
                await accessibility.CheckAsync(page, $"{name} (dark)");
                await Artifacts.ScreenshotAsync(page, $"{name}-dark");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
            accessibility.AssertNoSeriousViolations();
        });
    }

    [Fact]
    public async Task TheConsoleSwitchesToKoreanAndBackOnTheSamePage()
    {
        var page = await console.SignedInPageAsync();
        var accessibility = new Accessibility();
        await Artifacts.OnFailureScreenshotAsync(page, "korean", async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            await Operator.OpenAsync(page, "Keys");

            await page.GetByRole(AriaRole.Button, new() { Name = "Language" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "한국어" }).ClickAsync();

            await Expect(Operator.Heading(page, "API 키")).ToBeVisibleAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
            await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "개요" })).ToBeVisibleAsync();
            await accessibility.CheckAsync(page, "keys (ko)");
            await Accessibility.AssertNoHorizontalScrollingAsync(page, "keys (ko)");
            await Artifacts.ScreenshotAsync(page, "keys-ko");

            await page.ReloadAsync();
            await Expect(Operator.Heading(page, "API 키")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "언어" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
            await Expect(Operator.Heading(page, "Keys")).ToBeVisibleAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            accessibility.AssertNoSeriousViolations();
        });
    }
}
