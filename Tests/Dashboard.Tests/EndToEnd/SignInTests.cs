using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Logging in and out, a wrong password, and a session that is no longer valid.</summary>
[Collection(ConsoleTests.Name)]
public sealed partial class SignInTests(ConsoleFixture console)
{
    [Fact]
    public async Task TheOperatorLogsInWithTheAdminPasswordAndLandsOnTheOverview()
    {
        var page = await console.NewPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, nameof(TheOperatorLogsInWithTheAdminPasswordAndLandsOnTheOverview), async () =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginPage());

            await Operator.LogInAsync(page, "admin", console.Graph.AdminPassword);

            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("admin");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAnErrorAndNoSession()
    {
        var page = await console.NewPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, nameof(AWrongPasswordIsRefusedWithAnErrorAndNoSession), async () =>
        {
            await Operator.LogInAsync(page, "admin", "not-the-password");

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong user name or password.");
            await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
            var accessibility = new Accessibility();
            await accessibility.CheckAsync(page, "the login page with an error");
            await Artifacts.ScreenshotAsync(page, "login-wrong-password");

            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginPage());
            accessibility.AssertNoSeriousViolations();
        });
    }

    [Fact]
    public async Task LoggingOutReturnsToTheLoginPageAndEndsTheSession()
    {
        var page = await console.SignedInPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, nameof(LoggingOutReturnsToTheLoginPageAndEndsTheSession), async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(LoginPage());
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are logged out.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
            await page.GotoAsync("/keys");
            await Expect(page).ToHaveURLAsync(LoginPage());
        });
    }

    [Fact]
    public async Task ASessionCookieThatNoLongerDecryptsSendsTheOperatorToTheLoginPageNotAnErrorPage()
    {
        var page = await console.SignedInPageAsync();
        await Artifacts.OnFailureScreenshotAsync(page, nameof(ASessionCookieThatNoLongerDecryptsSendsTheOperatorToTheLoginPageNotAnErrorPage), async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();

            // What a browser holds after the console's key ring changed, or after someone edited the cookie.
            var cookies = await page.Context.CookiesAsync();
            var session = cookies.Single(c => c.Name == "dashboard.session");
            await page.Context.AddCookiesAsync([new() { Name = session.Name, Value = session.Value[..^8] + "AAAAAAAA", Domain = session.Domain, Path = session.Path }]);
            await page.ReloadAsync();

            await Expect(page).ToHaveURLAsync(LoginPage());
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Something went wrong")).ToHaveCountAsync(0);
        });
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPage();
}
