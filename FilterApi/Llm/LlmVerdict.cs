using System.Text.Json.Serialization;

namespace FilterApi.Llm;

[JsonConverter(typeof(JsonStringEnumConverter<LlmOutcome>))]
internal enum LlmOutcome
{
    [JsonStringEnumMemberName("safe")]
    Safe,

    [JsonStringEnumMemberName("unsafe")]
    Unsafe,

    /// <summary>The judge could not say: never to be read as safe, and the answer is degraded.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>Why a verdict is <see cref="LlmOutcome.Unknown"/>; the JSON and metric names are the snake_case ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LlmFailure>))]
internal enum LlmFailure
{
    /// <summary>No <c>ConnectionStrings:ollama</c>: the LLM tier is off.</summary>
    [JsonStringEnumMemberName("not_configured")]
    NotConfigured,

    /// <summary>No answer within <see cref="LlmOptions.Timeout"/>.</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>An answer that is not the verdict JSON the schema asks for (including one cut off by the token cap).</summary>
    [JsonStringEnumMemberName("malformed")]
    Malformed,

    /// <summary>The server refused the connection or answered with an HTTP error.</summary>
    [JsonStringEnumMemberName("unavailable")]
    Unavailable,

    /// <summary>The server failed repeatedly; the circuit is open and the model was not called.</summary>
    [JsonStringEnumMemberName("circuit_open")]
    CircuitOpen,
}

/// <summary>
/// What the LLM judge said about one text. It never carries the text: <see cref="Reason"/> is the model's short
/// explanation, and is emptied if it quotes the text.
/// </summary>
/// <param name="Categories">Subset of <see cref="LlmCategories.All"/>; empty when safe or unknown, and possibly
/// empty when unsafe (the model is sure but named no category; the verdict is what counts).</param>
/// <param name="Score">The model's probability that the text is unsafe, 0–1; null when unknown.</param>
/// <param name="Cached">The verdict was judged earlier for the same normalised text and model.</param>
/// <param name="Failure">Why the outcome is unknown; null otherwise.</param>
internal sealed record LlmVerdict(
    LlmOutcome Outcome, IReadOnlyList<string> Categories, string Reason, double? Score, bool Cached, LlmFailure? Failure, TimeSpan Elapsed)
{
    /// <summary>The LLM tier did not answer: the caller's answer is degraded and names the LLM.</summary>
    [JsonIgnore]
    public bool Degraded => Outcome == LlmOutcome.Unknown;

    public static LlmVerdict Unknown(LlmFailure failure, TimeSpan elapsed) => new(LlmOutcome.Unknown, [], "", null, false, failure, elapsed);
}

internal static class LlmFailureNames
{
    /// <summary>The snake_case name used in JSON, metrics and logs.</summary>
    public static string Name(this LlmFailure failure) => failure switch
    {
        LlmFailure.NotConfigured => "not_configured",
        LlmFailure.Timeout => "timeout",
        LlmFailure.Malformed => "malformed",
        LlmFailure.Unavailable => "unavailable",
        LlmFailure.CircuitOpen => "circuit_open",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    public static string Name(this LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Safe => "safe",
        LlmOutcome.Unsafe => "unsafe",
        LlmOutcome.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
