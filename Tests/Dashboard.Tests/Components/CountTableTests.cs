using Bunit;
using Dashboard.Blazor.Components.Common;

namespace Dashboard.Tests.Components;

public sealed class CountTableTests : ComponentTestContext
{
    [Fact]
    public void AnEmptyTableSaysThereIsNothingYetInsteadOfShowingBareHeaders()
    {
        var cut = Render<CountTable>(p => p.Add(c => c.Title, "Top words").Add(c => c.Rows, []).Add(c => c.NameHeader, "Word"));

        Assert.Equal("Top words", cut.Find("h2").TextContent);
        Assert.Contains("Nothing yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void EachRowShowsItsNameAndCountsUnderColumnHeaders()
    {
        CountRow[] rows = [new("/api/v1/filter", 42, 7), new("/api/v1/analyze/chat", 3, 0)];

        var cut = Render<CountTable>(p => p
            .Add(c => c.Title, "Per endpoint").Add(c => c.Rows, rows)
            .Add(c => c.NameHeader, "Endpoint").Add(c => c.CountHeader, "Requests").Add(c => c.ExtraHeader, "Abusive"));

        Assert.Equal(["Endpoint", "Requests", "Abusive"], cut.FindAll("th[scope=col]").Select(h => h.TextContent.Trim()));
        var cells = cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["/api/v1/filter", "42", "7"], cells[0]);
        Assert.Equal(["/api/v1/analyze/chat", "3", "0"], cells[1]);
    }

    [Fact]
    public void WithoutASecondCountThereIsNoEmptyColumn()
    {
        var cut = Render<CountTable>(p => p
            .Add(c => c.Title, "Per category").Add(c => c.Rows, [new CountRow("insult", 5, null)])
            .Add(c => c.NameHeader, "Category").Add(c => c.CountHeader, "Detections"));

        Assert.Equal(2, cut.FindAll("th").Count);
        Assert.Equal(2, cut.FindAll("tbody td").Count);
    }
}
