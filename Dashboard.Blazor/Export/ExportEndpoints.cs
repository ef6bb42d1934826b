using System.Globalization;
using System.Text;
using Dashboard.Blazor.AdminApi;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Blazor.Export;

/// <summary><c>GET /export/timeseries.csv</c>: the Statistics page's time series as a CSV download, fetched with the operator's token.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/timeseries.csv", TimeseriesAsync).RequireAuthorization();
        return app;
    }

    public static async Task<IResult> TimeseriesAsync(
        HttpContext context,
        AdminApiClient api,
        AuthenticationStateProvider authentication,
        [FromQuery] string? bucket,
        [FromQuery] DateTime? from,
        [FromQuery] DateTime? to,
        [FromQuery] string? keyId,
        [FromQuery] string? endpoint)
    {
        // Outside a circuit nothing has told the authentication state provider who is asking: this request's user.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }

        var query = new TimeseriesQuery(bucket == "day" ? "day" : "hour", from, to, keyId, endpoint);
        var result = await api.TimeseriesAsync(query, context.RequestAborted);
        if (!result.TryGetValue(out var series, out var failure))
        {
            return failure.Kind switch
            {
                ApiFailureKind.SessionExpired => TypedResults.LocalRedirect("/account/login?expired=true&ReturnUrl=%2Fstatistics"),
                ApiFailureKind.Validation or ApiFailureKind.Refused => TypedResults.Problem(failure.Detail, statusCode: 400),
                _ => TypedResults.Problem(failure.Detail, statusCode: 502, title: "FilterApi is not answering"),
            };
        }

        var csv = new StringBuilder("at,requests,abusive\n");
        foreach (var point in series.Points)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{point.At.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ},{point.Requests},{point.Abusive}\n");
        }

        var name = $"timeseries-{query.Bucket}-{series.From:yyyyMMdd}-{series.To:yyyyMMdd}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }
}
