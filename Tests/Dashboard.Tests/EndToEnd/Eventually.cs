namespace Dashboard.Tests.EndToEnd;

/// <summary>Waits for a condition outside the page (an HTTP answer, a cookie), which Playwright's expectations cannot watch.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(ConsoleFixture.Patience);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting until {what}");
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
