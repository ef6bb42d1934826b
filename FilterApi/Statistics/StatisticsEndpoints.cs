using FilterApi.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FilterApi.Statistics;

/// <summary><c>/api/v1/admin/stats</c> and <c>/api/v1/admin/deadletters</c>: what LogConsumer counted, and what it could not.</summary>
internal static class StatisticsEndpoints
{
    private const int MaxRangeDays = 400;

    public static RouteGroupBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin: statistics").RequireAuthorization(AdminEndpoints.Policy);
        group.MapGet("/stats/overview", OverviewAsync).WithName("StatsOverview")
            .WithSummary("Requests, abusive requests, latency p50/p95 and the top words between from and to (default: the last 24 hours)");
        group.MapGet("/stats/timeseries", TimeseriesAsync).WithName("StatsTimeseries").WithSummary("Requests and abusive requests per hour or day, of every key or one (keyId), of every endpoint or one (endpoint)");
        group.MapGet("/stats/totals", TotalsAsync).WithName("StatsTotals").WithSummary("Requests per language and per endpoint, detections per category, deeper tiers' findings, by whole days");
        group.MapGet("/stats/words", WordsAsync).WithName("StatsWords").WithSummary("The most detected words, optionally of one language or category");
        group.MapGet("/stats/keys/{id}", KeyAsync).WithName("StatsKey").WithSummary("One key's requests per endpoint and mode, and its abuse count");
        group.MapGet("/deadletters", DeadLettersAsync).WithName("DeadLetters").WithSummary("Event entries LogConsumer could not count, newest first, with the error");
        group.MapPost("/deadletters/replay", ReplayDeadLettersAsync).WithName("ReplayDeadLetters")
            .WithSummary("Moves dead letters, oldest first, back onto their streams with their original event ids, to be counted once");
        return group;
    }

    public static async Task<Results<Ok<StatsOverview>, ValidationProblem>> OverviewAsync(
        StatisticsService stats, [FromQuery] DateTime? from, [FromQuery] DateTime? to, CancellationToken cancellationToken)
    {
        var (start, end) = stats.Range(from, to);
        return Invalid(start, end) is { } problem ? problem : TypedResults.Ok(await stats.OverviewAsync(start, end, cancellationToken));
    }

    public static async Task<Results<Ok<StatsTimeseries>, ValidationProblem>> TimeseriesAsync(
        StatisticsService stats, [FromQuery] string? bucket, [FromQuery] DateTime? from, [FromQuery] DateTime? to,
        [FromQuery] string? keyId, [FromQuery] string? endpoint, CancellationToken cancellationToken)
    {
        var (start, end) = stats.Range(from, to);
        if (bucket is not (null or "hour" or "day"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bucket"] = ["bucket must be hour or day"] });
        }

        return Invalid(start, end) is { } problem ? problem : TypedResults.Ok(await stats.TimeseriesAsync(bucket == "day", start, end, cancellationToken, keyId, endpoint));
    }

    public static async Task<Results<Ok<StatsTotals>, ValidationProblem>> TotalsAsync(
        StatisticsService stats, [FromQuery] DateTime? from, [FromQuery] DateTime? to, CancellationToken cancellationToken)
    {
        var (start, end) = stats.Range(from, to);
        return Invalid(start, end) is { } problem ? problem : TypedResults.Ok(await stats.TotalsAsync(start, end, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<WordCount>>, ValidationProblem>> WordsAsync(
        StatisticsService stats, [FromQuery] string? lang, [FromQuery] string? category, [FromQuery] int? top,
        [FromQuery] DateTime? from, [FromQuery] DateTime? to, CancellationToken cancellationToken)
    {
        var (start, end) = stats.Range(from, to);
        if (top is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["top"] = ["top must be 1 to 1000"] });
        }

        return Invalid(start, end) is { } problem
            ? problem
            : TypedResults.Ok(await stats.WordsAsync(start, end, lang, category, top ?? 20, cancellationToken));
    }

    public static async Task<Results<Ok<KeyStats>, NotFound, ValidationProblem>> KeyAsync(
        string id, StatisticsService stats, [FromQuery] DateTime? from, [FromQuery] DateTime? to, CancellationToken cancellationToken)
    {
        var (start, end) = stats.Range(from, to);
        if (Invalid(start, end) is { } problem)
        {
            return problem;
        }

        return await stats.KeyAsync(id, start, end, cancellationToken) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ValidationProblem>> DeadLettersAsync(StatisticsService stats, [FromQuery] int? count) =>
        count is < 1 or > 1000
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["count must be 1 to 1000"] })
            : TypedResults.Ok(await stats.DeadLettersAsync(count ?? 100));

    public static async Task<Results<Ok<DeadLetterReplay>, ValidationProblem>> ReplayDeadLettersAsync(StatisticsService stats, [FromQuery] int? count) =>
        count is < 1 or > 10_000
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["count must be 1 to 10000"] })
            : TypedResults.Ok(new DeadLetterReplay(await stats.ReplayDeadLettersAsync(count ?? 1000)));

    private static ValidationProblem? Invalid(DateTime from, DateTime to) =>
        to <= from || to - from > TimeSpan.FromDays(MaxRangeDays)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [$"from must be before to, at most {MaxRangeDays} days apart"] })
            : null;
}
