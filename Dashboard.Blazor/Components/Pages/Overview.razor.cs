using System.Globalization;
using Dashboard.Blazor.AdminApi;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Blazor.Components.Pages;

/// <summary>The last 24 hours at a glance, refreshed every few seconds while the page is open.</summary>
public sealed partial class Overview
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _closing = new();
    private StatsOverview? _overview;
    private StatsTotals? _totals;
    private IReadOnlyList<TimeseriesPoint> _points = [];
    private ApiFailure? _failure;
    private DateTimeOffset? _updatedAt;

    [Inject]
    private AdminApiClient Api { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = RefreshLoopAsync();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task RefreshAsync()
    {
        var to = DateTime.UtcNow;
        var from = to.AddHours(-24);
        var overview = Api.OverviewAsync(from, to, _closing.Token);
        var totals = Api.TotalsAsync(from, to, _closing.Token);
        var series = Api.TimeseriesAsync(new TimeseriesQuery("hour", from, to), _closing.Token);
        await Task.WhenAll(overview, totals, series);

        _failure = overview.Result.Failure ?? totals.Result.Failure ?? series.Result.Failure;
        if (_failure is null)
        {
            (_overview, _totals, _points) = (overview.Result.Value, totals.Result.Value, series.Result.Value!.Points);
            _updatedAt = DateTimeOffset.Now;
        }
    }

    private static string PerMinute(StatsOverview overview)
    {
        var minutes = Math.Max(1, (overview.To - overview.From).TotalMinutes);
        return (overview.Requests / minutes).ToString("N1", CultureInfo.CurrentCulture);
    }

    private static string AbusiveShare(StatsOverview overview) =>
        overview.Requests == 0 ? "–" : ((double)overview.Abusive / overview.Requests).ToString("P1", CultureInfo.CurrentCulture);

    private static string Milliseconds(double? value) => value is { } ms ? $"{ms.ToString("N1", CultureInfo.CurrentCulture)} ms" : "–";

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
