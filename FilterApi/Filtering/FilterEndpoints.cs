using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using FilterApi.Auth;
using FilterApi.Callbacks;
using FilterApi.Events;
using FilterApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FilterApi.Filtering;

/// <summary><c>POST /api/v1/filter</c>: the lexicon tier behind the KISO-style contract.</summary>
internal static partial class FilterEndpoints
{
    private static readonly TimeSpan CallbacksBusyRetryAfter = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapFilterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Filter");
        group.MapPost("/filter", FilterAsync)
            .WithName("Filter")
            .WithSummary("Detect and mask profanity, hate and sexual terms (lexicon tier)")
            .WithDescription("Always HTTP 200; the outcome is status.code: 2000 Ok, 2020 Accepted (callbackUrl), 4000 Bad Request, "
                + "4010 Unauthorized, 4030 Forbidden, 4290 Too Many Requests (with Retry-After), 5000 Internal Error.")
            .AddOpenApiOperationTransformer(FilterOpenApi.DescribeRequestBodyAsync)
            .Produces<FilterResponse>();
        return group;
    }

    /// <summary>Dependencies of the filter endpoint, bundled so the handler's signature stays readable.</summary>
    internal sealed record FilterDependencies(
        RequestAdmission Admission,
        FilterService Filter,
        IEventPublisher Events,
        CallbackDispatcher Callbacks,
        CallbackNetworkPolicy CallbackPolicy,
        FilterMetrics Metrics,
        IOptions<FilterOptions> Options,
        ILogger<FilterService> Logger);

    public static async Task<Ok<FilterResponse>> FilterAsync(
        HttpContext context, [AsParameters] FilterDependencies services, CancellationToken cancellationToken)
    {
        var trackingId = Guid.NewGuid();
        FilterResponse response;
        try
        {
            response = await HandleAsync(context, services, trackingId, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(services.Logger, e, trackingId);
            response = Answer(trackingId, FilterStatusCodes.InternalError());
        }

        services.Metrics.Answered(response.Status.Code);
        return TypedResults.Ok(response);
    }

    private static async Task<FilterResponse> HandleAsync(
        HttpContext context, FilterDependencies services, Guid trackingId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var admission = await services.Admission.AdmitAsync(context.Request, ApiScopes.Filter, RequestFormats.JsonOrForm, cancellationToken);
        if (!admission.TryGetValue(out var admitted, out var refusal))
        {
            return Refuse(context, trackingId, refusal);
        }

        var (key, request) = admitted;
        if (!TryValidate(request, services.Options.Value, out var text, out var mode, out var invalid))
        {
            return Answer(trackingId, FilterStatusCodes.BadRequest(invalid));
        }

        if (string.IsNullOrEmpty(request.CallbackUrl))
        {
            var served = services.Filter.Filter(trackingId, text, mode);
            await RequestEvents.ServedAsync(services.Events, key, trackingId, "filter", ModeName(mode), served.Detected, Stopwatch.GetElapsedTime(started));
            return served;
        }

        if (await services.CallbackPolicy.ValidateAsync(request.CallbackUrl, cancellationToken) is { } urlError)
        {
            return Answer(trackingId, FilterStatusCodes.BadRequest(urlError));
        }

        var result = services.Filter.Filter(trackingId, text, mode);
        var acceptance = await services.Callbacks.TryAcceptAsync(trackingId, new Uri(request.CallbackUrl), result, key, cancellationToken);
        if (acceptance != CallbackAcceptance.Accepted)
        {
            // Shed load rather than buffer without bound while receivers are slow or down.
            context.Response.Headers.RetryAfter = FilterStatusCodes.RetryAfterSeconds(CallbacksBusyRetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Answer(trackingId, FilterStatusCodes.CallbackQueueFull(CallbacksBusyRetryAfter, acceptance));
        }

        await RequestEvents.ServedAsync(services.Events, key, trackingId, "filter", ModeName(mode), result.Detected, Stopwatch.GetElapsedTime(started));
        return Answer(trackingId, FilterStatusCodes.Accepted());
    }

    private static bool TryValidate(
        FilterRequest request, FilterOptions options, [NotNullWhen(true)] out string? text, out FilterMode mode, [NotNullWhen(false)] out string? error)
    {
        text = request.Text;
        // Enum.TryParse would also take "1" or "Quick,Filter"; only the three names are valid.
        FilterMode? named = request.Mode?.Trim().ToUpperInvariant() switch
        {
            "QUICK" => FilterMode.Quick,
            "NORMAL" => FilterMode.Normal,
            "FILTER" => FilterMode.Filter,
            _ => null,
        };
        mode = named.GetValueOrDefault();
        if (text is null)
        {
            error = "text is required";
            return false;
        }

        error = text.Length switch
        {
            0 => "text is empty",
            var length when length > options.MaxTextLength => $"text is longer than {options.MaxTextLength} characters ({length})",
            _ when string.IsNullOrWhiteSpace(request.Mode) => "mode is required: QUICK, NORMAL or FILTER",
            _ when named is null => $"mode '{request.Mode}' is invalid: use QUICK, NORMAL or FILTER",
            _ => null,
        };
        return error is null;
    }

    /// <summary>The mode as events name it (QUICK, NORMAL, FILTER), from the validated value rather than the client's spelling.</summary>
    private static string ModeName(FilterMode mode) => mode.ToString().ToUpperInvariant();

    private static FilterResponse Refuse(HttpContext context, Guid trackingId, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = FilterStatusCodes.RetryAfterSeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Answer(trackingId, FilterStatusCodes.FromRefusal(refusal));
    }

    private static FilterResponse Answer(Guid trackingId, FilterStatus status) =>
        new(trackingId, status, [], "", FilterService.FormatElapsed(TimeSpan.Zero));

    [LoggerMessage(Level = LogLevel.Error, Message = "Filter request {TrackingId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid trackingId);
}
