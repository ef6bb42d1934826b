using Bunit;
using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Common;

namespace Dashboard.Tests.Components;

public sealed class TimeseriesChartTests : ComponentTestContext
{
    [Fact]
    public void APeriodWithoutRequestsSaysSoInsteadOfDrawingAFlatLine()
    {
        var cut = Render<TimeseriesChart>(p => p.Add(c => c.Points, []).Add(c => c.Caption, "Requests per hour"));

        Assert.Contains("No requests in this period.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void RequestsAndAbusiveRequestsAreDrawnAsTwoNamedSeriesWithTheCaptionForScreenReaders()
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TimeseriesPoint[] points = [.. Enumerable.Range(0, 24).Select(h => new TimeseriesPoint(start.AddHours(h), 10 + h, h % 3))];

        var cut = Render<TimeseriesChart>(p => p.Add(c => c.Points, points).Add(c => c.Caption, "Requests per hour, last 24 hours"));

        Assert.NotEmpty(cut.FindAll("svg"));
        Assert.Equal("Requests per hour, last 24 hours", cut.Find("figure").GetAttribute("aria-label"));
        Assert.Equal("Requests per hour, last 24 hours", cut.Find("figcaption").TextContent);
        Assert.Contains("Requests", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Abusive", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("No requests in this period.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayOfHoursIsLabelledWithAtMostAboutADozenTimes()
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TimeseriesPoint[] points = [.. Enumerable.Range(0, 24 * 7).Select(h => new TimeseriesPoint(start.AddHours(h), 1, 0))];

        var cut = Render<TimeseriesChart>(p => p.Add(c => c.Points, points).Add(c => c.Caption, "A week"));

        var labels = cut.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => t.Contains(':', StringComparison.Ordinal)).ToList();
        Assert.InRange(labels.Count, 1, 13);
    }
}
