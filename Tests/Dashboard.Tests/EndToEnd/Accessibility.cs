using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// axe-core's serious and critical violations on each screen a test passes through, reported together at the end
/// so one run names every screen that has them (and the journey itself still runs to its end).
/// </summary>
internal sealed class Accessibility
{
    private readonly List<string> _findings = [];

    /// <summary>Runs axe on the page once its animations have ended (dialogs included) and remembers what it found.</summary>
    public async Task CheckAsync(IPage page, string screen)
    {
        // A snackbar or dialog fading in has colours of its own for a moment; progress bars loop for ever.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();

        if (serious.Count > 0)
        {
            _findings.Add($"{screen} ({page.Url}):\n{Describe(serious)}");
        }
    }

    public void AssertNoSeriousViolations() =>
        Assert.True(_findings.Count == 0, $"axe found serious or critical violations on\n{string.Join('\n', _findings)}");

    /// <summary>Nothing sticks out sideways at the width the operator's window has (1280 px).</summary>
    public static async Task AssertNoHorizontalScrollingAsync(IPage page, string screen)
    {
        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(scrollWidth <= viewport, $"{screen} is {scrollWidth} px wide at a {viewport} px window: it needs horizontal scrolling");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join('\n', violations.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} ({v.HelpUrl})\n"
            + string.Join('\n', v.Nodes.Select(n =>
                $"    {n.Target}: {n.Html}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))));
}
