using Dashboard.Blazor.AdminApi;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Blazor.Components.Pages;

/// <summary>Requests over a chosen period by hour or day, of every key or one, of every endpoint or one; totals; CSV export.</summary>
public sealed partial class Statistics
{
    private StatsTimeseries? _series;
    private StatsTotals? _totals;
    private ApiFailure? _failure;
    private string _bucket = "hour";
    private DateTime? _from = DateTime.Today.AddDays(-6);
    private DateTime? _to = DateTime.Today;
    private string _endpoint = "";
    private string? _keyId;

    [Inject]
    private AdminApiClient Api { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "keyId")]
    private string? KeyIdFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _keyId = KeyIdFromQuery;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var query = Query();
        var series = Api.TimeseriesAsync(query);
        var totals = Api.TotalsAsync(query.From, query.To);
        await Task.WhenAll(series, totals);
        _failure = series.Result.Failure ?? totals.Result.Failure;
        (_series, _totals) = (series.Result.Value ?? _series, totals.Result.Value ?? _totals);
    }

    // Whole local days: from the start of the first to the end of the last.
    private TimeseriesQuery Query() => new(
        _bucket,
        (_from ?? DateTime.Today.AddDays(-6)).Date.ToUniversalTime(),
        (_to ?? DateTime.Today).Date.AddDays(1).ToUniversalTime(),
        string.IsNullOrWhiteSpace(_keyId) ? null : _keyId.Trim(),
        string.IsNullOrWhiteSpace(_endpoint) ? null : _endpoint);

    private string ExportUrl
    {
        get
        {
            var query = Query();
            return QueryHelpers.AddQueryString("export/timeseries.csv", new Dictionary<string, string?>
            {
                ["bucket"] = query.Bucket,
                ["from"] = query.From?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = query.To?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["keyId"] = query.KeyId,
                ["endpoint"] = query.Endpoint,
            }.Where(p => p.Value is not null));
        }
    }
}
