using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>A word that slipped through: the operator adds it to the lexicon and the playground flags it at once.</summary>
[Collection(ConsoleTests.Name)]
public sealed class LexiconJourneyTests(ConsoleFixture console)
{
    [Fact]
    public async Task AWordAddedOnTheLexiconPageIsFlaggedByThePlaygroundAndAllowedAgainOnceItsOverrideIsDeleted()
    {
        var word = "zorbl" + string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26))));
        var text = $"you are such a {word} today";
        var page = await console.SignedInPageAsync();
        var accessibility = new Accessibility();
        await Artifacts.OnFailureScreenshotAsync(page, "lexicon-journey", async () =>
        {
            await page.GotoAsync("/");
            await Expect(Operator.Heading(page, "Overview")).ToBeVisibleAsync();
            await Operator.OpenAsync(page, "Playground");
            await page.GetByLabel("Text to check").FillAsync(text);
            await Expect(LexiconTier(page).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("clean");

            await Operator.OpenAsync(page, "Lexicon");
            // The form's language comes first; the list's language filter below has the same name.
            await page.GetByRole(AriaRole.Combobox, new() { Name = "Language" }).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "en", Exact = true }).ClickAsync();
            await page.GetByLabel("Word", new() { Exact = true }).FillAsync(word);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = word, Exact = true }) });
            await Expect(row).ToContainTextAsync("detect");
            await Expect(row).ToContainTextAsync("admin");
            // Who changed what: the audit trail below names the operator and the word.
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "lexicon.added" }).Filter(new() { HasText = word })).ToContainTextAsync("admin");
            await accessibility.CheckAsync(page, "the lexicon with an override");
            await Artifacts.ScreenshotAsync(page, "lexicon-added");

            await Operator.OpenAsync(page, "Playground");
            await page.GetByLabel("Text to check").FillAsync(text);
            await Expect(LexiconTier(page).GetByRole(AriaRole.Cell).First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1 hits?$"));
            await Expect(LexiconTier(page)).ToContainTextAsync($"{word} → {word} (insult)");
            // Marked in the text, with what a screen reader hears after it: the word and its category.
            var hit = page.GetByText($"{word} ({word} · insult)", new() { Exact = true });
            await Expect(hit).ToBeVisibleAsync();
            Assert.Equal("MARK", await hit.EvaluateAsync<string>("e => e.tagName"));
            await accessibility.CheckAsync(page, "the playground with a hit");
            await Artifacts.ScreenshotAsync(page, "playground-flagged");

            await Operator.OpenAsync(page, "Lexicon");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Delete the override of {word}" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);

            await Operator.OpenAsync(page, "Playground");
            await page.GetByLabel("Text to check").FillAsync(text);
            await Expect(LexiconTier(page).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("clean");
            await Expect(hit).ToHaveCountAsync(0);
            accessibility.AssertNoSeriousViolations();
        });
    }

    /// <summary>
    /// What the lexicon tier said, in the playground's table of tiers. Not the overall verdict: with the ML tier up,
    /// its score can outweigh a lexicon hit of the default severity, which is FilterApi's decision, not the console's.
    /// </summary>
    private static ILocator LexiconTier(IPage page) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Lexicon", Exact = true }) });
}
