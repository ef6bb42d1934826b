using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>What an operator does in the console, by the names a screen reader announces.</summary>
internal static class Operator
{
    /// <summary>Every page in the menu: the link's name (also the page's heading) and a short name for screenshots.</summary>
    public static readonly IReadOnlyList<(string Link, string Name)> Pages =
    [
        ("Overview", "overview"), ("Keys", "keys"), ("Statistics", "statistics"), ("Lexicon", "lexicon"),
        ("Playground", "playground"), ("Dead letters", "deadletters"), ("Audit log", "audit"),
    ];

    public static async Task LogInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("account/login");
        await page.GetByLabel("User name").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>The page's title heading (h1).</summary>
    public static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    /// <summary>Goes to a page through the navigation menu, as an operator does, and waits for its heading.</summary>
    public static async Task OpenAsync(IPage page, string link, string? heading = null)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page, heading ?? link)).ToBeVisibleAsync();
    }
}
