using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FilterApi.Guard;

/// <summary>
/// Wall-clock instants of one request as unix-epoch seconds, read off one monotonic clock from its start, so an
/// end minus its start is exactly the step's duration whatever the system clock does meanwhile.
/// </summary>
internal sealed class GuardClock
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public double Start { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    public double Now() => Start + Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public static string Timestamp(double epochSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(epochSeconds * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One check's record: <c>success</c>, <c>error</c> or <c>timeout</c>, what it found and when it ran.</summary>
/// <param name="Duration">Seconds spent checking: end minus start, except for a stream, where the checks run between chunks and this is their sum.</param>
/// <param name="Error">Why it failed (a message, never a stack trace).</param>
internal sealed record CheckRecord(string Status, JsonNode? Data, double Start, double End, double Duration, string? Error = null, IReadOnlyList<string>? Warnings = null)
{
    public int StatusCode => Status switch
    {
        "success" => 200,
        "timeout" => 504,
        _ => 500,
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["status"] = Status,
            ["status_code"] = StatusCode,
            ["data"] = Data?.DeepClone(),
            ["timestamp"] = GuardClock.Timestamp(End),
            ["timing"] = new JsonObject { ["call_start"] = Start, ["call_end"] = End, ["duration"] = Duration },
        };
        if (Warnings is { Count: > 0 })
        {
            json["warnings"] = new JsonArray([.. Warnings.Select(w => (JsonNode?)w)]);
        }

        return json;
    }

    public JsonObject? ErrorJson() => Error is null
        ? null
        : new JsonObject { ["error"] = Error, ["status"] = Status, ["status_code"] = StatusCode, ["timestamp"] = GuardClock.Timestamp(End) };
}

/// <summary>
/// <c>security_proxied_data</c>: what the guard saw, did and sent, with per-step timing. Output personal data
/// never appears in it: the answer is recorded as masked.
/// </summary>
internal sealed class GuardReport(GuardClock clock)
{
    public const string PropertyName = "security_proxied_data";

    public GuardClock Clock => clock;

    public JsonObject? OriginalRequest { get; set; }

    public CheckRecord? Input { get; set; }

    public JsonNode? LlmRequest { get; set; }

    public JsonNode? LlmResponse { get; set; }

    public (double Start, double End, double Duration)? Llm { get; set; }

    public CheckRecord? Output { get; set; }

    /// <summary>The input was refused (400) or the answer withheld (<c>content_filter</c>): what the statistics count as BLOCKING.</summary>
    public bool InputBlocked { get; set; }

    /// <inheritdoc cref="InputBlocked"/>
    public bool OutputBlocked { get; set; }

    public string? HandlerError { get; set; }

    public JsonObject ToJson()
    {
        var timing = new JsonObject { ["pre_call_start"] = clock.Start };
        AddTiming(timing, "input_security_api", Input is { } i ? (i.Start, i.End, i.Duration) : null);
        AddTiming(timing, "llm", Llm);
        AddTiming(timing, "output_security_api", Output is { } o ? (o.Start, o.End, o.Duration) : null);
        var now = clock.Now();
        timing["total_duration"] = now - clock.Start;

        var json = new JsonObject
        {
            ["original_request"] = OriginalRequest?.DeepClone(),
            ["input_security_api_response"] = Input?.ToJson(),
            ["llm_request"] = LlmRequest?.DeepClone(),
            ["llm_response"] = LlmResponse?.DeepClone(),
            ["output_security_api_response"] = Output?.ToJson(),
            ["timing"] = timing,
            ["metadata"] = new JsonObject { ["handler"] = "guard", ["timestamp"] = GuardClock.Timestamp(now) },
            ["external_api_response"] = Input?.ToJson(),
        };
        if (Input?.ErrorJson() is { } inputError)
        {
            json["input_security_api_error"] = inputError;
        }

        if (Output?.ErrorJson() is { } outputError)
        {
            json["output_security_api_error"] = outputError;
        }

        if (HandlerError is not null)
        {
            json["handler_error"] = new JsonObject { ["error"] = HandlerError, ["status"] = "error", ["status_code"] = 500, ["timestamp"] = GuardClock.Timestamp(now) };
        }

        return json;
    }

    private static void AddTiming(JsonObject timing, string step, (double Start, double End, double Duration)? span)
    {
        if (span is { } s)
        {
            timing[$"{step}_call_start"] = s.Start;
            timing[$"{step}_call_end"] = s.End;
            timing[$"{step}_call_duration"] = s.Duration;
        }
    }
}
