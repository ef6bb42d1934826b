using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Every page of the console: reachable from the menu, no serious accessibility violation, no sideways scrolling at 1280 px, a screenshot.</summary>
[Collection(ConsoleTests.Name)]
public sealed class PageTests(ConsoleFixture console)
{
    [Fact]
    public async Task TheLoginPageIsAccessibleAndFitsTheWindow()
    {
        var page = await console.NewPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, "login", async () =>
        {
            await page.GotoAsync("account/login");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();

            var accessibility = new Accessibility();
            await accessibility.CheckAsync(page, "login");
            await Accessibility.AssertNoHorizontalScrollingAsync(page, "login");
            await Artifacts.ScreenshotAsync(page, "login");
            accessibility.AssertNoSeriousViolations();
        });
    }

    public static TheoryData<string, string> Pages
    {
        get
        {
            var pages = new TheoryData<string, string>();
            foreach (var (link, name) in Operator.Pages)
            {
                pages.Add(link, name);
            }

            return pages;
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageIsAccessibleAndFitsTheWindow(string link, string name)
    {
        var page = await console.SignedInPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, name, async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            await Operator.OpenAsync(page, link);
            await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);

            var accessibility = new Accessibility();
            await accessibility.CheckAsync(page, name);
            await Accessibility.AssertNoHorizontalScrollingAsync(page, name);
            await Artifacts.ScreenshotAsync(page, name);
            accessibility.AssertNoSeriousViolations();
        });
    }
}
