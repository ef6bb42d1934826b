using AppHost.Tests;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The console on the AppHost's graph (the dashboard, LogConsumer and what they need: FilterApi, Redis, MariaDB),
/// booted once for every browser test, and one headless Debian chromium driven by Playwright. Each test opens its
/// own browser context at 1280×800 in English.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>How long an expectation waits: the Overview refreshes every ~5 s and LogConsumer counts within seconds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private IPlaywright? _playwright;
    private string? _signedIn;

    internal TestGraph Graph { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Console { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Artifacts.Clear();
        Graph = await TestGraph.StartAsync("dashboard", "logconsumer");
        Console = Graph.GetEndpoint("dashboard");
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        // Debian's chromium (apt), never a browser Playwright downloads.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    /// <summary>A fresh browser with no session: a visitor who has not logged in.</summary>
    public async Task<IPage> NewPageAsync(string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Console.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-US",
            StorageState = storageState,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A browser with the operator already logged in. The login itself happens once for the collection:
    /// FilterApi allows an account 10 logins a minute, and each test logging in anew would run into it.
    /// </summary>
    public async Task<IPage> SignedInPageAsync()
    {
        if (_signedIn is null)
        {
            var page = await NewPageAsync();
            await Operator.LogInAsync(page, "admin", Graph.AdminPassword);
            await Assertions.Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            _signedIn = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
        }

        return await NewPageAsync(_signedIn);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Graph is not null)
        {
            await Graph.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleTests : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
