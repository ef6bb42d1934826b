using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>An operator issues a key for a new app, the app uses it, the Overview counts it, and the operator revokes it.</summary>
[Collection(ConsoleTests.Name)]
public sealed class KeyJourneyTests(ConsoleFixture console)
{
    private static readonly string[] LoggingServices = ["dashboard", "filterapi"];

    [Fact]
    public async Task AKeyIssuedInTheConsoleIsShownOnceCountedOnTheOverviewAndRefusedOnceRevoked()
    {
        var name = $"journey-{Guid.NewGuid():N}"[..16];
        var page = await console.SignedInPageAsync();
        using var filterApi = console.Graph.CreateHttpClient("filterapi");
        var accessibility = new Accessibility();
        await Artifacts.OnFailureScreenshotAsync(page, "key-journey", async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);
            var before = await OverviewFilterRequestsAsync(page);

            await Operator.OpenAsync(page, "Keys");
            await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
            var editor = page.GetByRole(AriaRole.Dialog, new() { Name = "Issue key" });
            await editor.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await editor.GetByLabel("Owner e-mail").FillAsync("ops@example.com");
            await accessibility.CheckAsync(page, "the key editor");
            await Artifacts.ScreenshotAsync(page, "keys-issue");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();

            var reveal = page.GetByRole(AriaRole.Dialog, new() { Name = "Key issued" });
            await Expect(reveal.GetByRole(AriaRole.Alert)).ToContainTextAsync("shown only this once");
            var key = (await reveal.GetByLabel("API key", new() { Exact = true }).TextContentAsync())!.Trim();
            var secret = (await reveal.GetByLabel("Signing secret", new() { Exact = true }).TextContentAsync())!.Trim();
            Assert.NotEmpty(key);
            Assert.NotEmpty(secret);
            await accessibility.CheckAsync(page, "the key reveal");
            await Artifacts.ScreenshotAsync(page, "keys-issued");
            await reveal.GetByRole(AriaRole.Button, new() { Name = "I have copied them" }).ClickAsync();
            await Expect(reveal).ToHaveCountAsync(0);

            // Gone for good: neither the page nor anything the circuit renders later holds them.
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
            await Expect(row).ToBeVisibleAsync();
            var content = await page.ContentAsync();
            Assert.DoesNotContain(key, content, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, content, StringComparison.Ordinal);

            Assert.Equal(2000, await FilterAsync(filterApi, key));
            await Operator.OpenAsync(page, "Overview");
            await Expect(OverviewFilterRow(page).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync($"{before + 1}");
            await Artifacts.ScreenshotAsync(page, "overview-counted");

            await Operator.OpenAsync(page, "Keys");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Revoke {name}" });
            await Expect(confirm).ToContainTextAsync("for good");
            await accessibility.CheckAsync(page, "the revoke confirmation");
            await Artifacts.ScreenshotAsync(page, "keys-revoke");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await Expect(row).ToContainTextAsync("REVOKED");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" })).ToBeDisabledAsync();

            await Eventually.TrueAsync(async () => await FilterAsync(filterApi, key) == 4030, "FilterApi refuses the revoked key with 4030");
            accessibility.AssertNoSeriousViolations();

            // Nor did any service write them down: the console's and FilterApi's logs hold neither.
            foreach (var resource in LoggingServices)
            {
                var log = await console.Graph.ResourceLogAsync(resource);
                Assert.False(string.IsNullOrEmpty(log), $"no log of {resource} to check");
                Assert.DoesNotContain(key, log, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            }
        });
    }

    private static ILocator OverviewFilterRow(IPage page) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "filter", Exact = true }) });

    private static async Task<long> OverviewFilterRequestsAsync(IPage page) =>
        await OverviewFilterRow(page).CountAsync() == 0
            ? 0
            : long.Parse((await OverviewFilterRow(page).GetByRole(AriaRole.Cell).Nth(1).TextContentAsync())!, System.Globalization.NumberStyles.AllowThousands,
                System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    /// <summary>The KISO-style answer's <c>status.code</c> for a text sent with <paramref name="key"/>, as a client app sends it.</summary>
    private static async Task<int> FilterAsync(HttpClient filterApi, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/filter") { Content = JsonContent.Create(new { text = "f.u.c.k", mode = "NORMAL" }) };
        request.Headers.Add("x-api-key", key);
        using var response = await filterApi.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("status").GetProperty("code").GetInt32();
    }
}
