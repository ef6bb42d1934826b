using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Screenshots kept as test artifacts: every page, and the browser as it was when a test failed.</summary>
internal static class Artifacts
{
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Starts the run with an empty folder, so what it holds afterwards is this run's.</summary>
    public static void Clear()
    {
        if (Directory.Exists(ScreenshotFolder))
        {
            Directory.Delete(ScreenshotFolder, recursive: true);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    /// <summary>Runs a browser test; when it fails, a screenshot named <c>NAME-failure.png</c> shows where it stood.</summary>
    public static async Task OnFailureScreenshotAsync(IPage page, string name, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            try
            {
                await ScreenshotAsync(page, $"{name}-failure");
            }
            catch (PlaywrightException)
            {
                // The page is gone (the browser crashed): the test's own failure says more than a missing screenshot.
            }

            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
