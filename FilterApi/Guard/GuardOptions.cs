using System.ComponentModel.DataAnnotations;

namespace FilterApi.Guard;

/// <summary>The chat guard (section <c>Guard</c>); the upstream comes from <c>ConnectionStrings:llm</c> or <c>ConnectionStrings:ollama</c>.</summary>
internal sealed class GuardOptions
{
    public const string Section = "Guard";

    /// <summary>Largest request body: messages may carry base64 files (a 10 MB PDF is about 13.4 MB of base64).</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long the upstream may take to answer (streaming: to send its headers, then between two reads).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one risk check may take before it counts as timed out (the LLM judge's own <c>Llm:Timeout</c> is
    /// 20 s, and the model servers' 2 s come first).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What a failed or timed-out check does when the key sets nothing: forward (open) or answer 503 (closed).</summary>
    public GuardFailureMode FailureMode { get; set; } = GuardFailureMode.Open;

    /// <summary>
    /// Characters of a streamed answer held back from the client until more has arrived: longer than any
    /// personal-data value with spaces in it (a card number written in groups is 19), so one split across chunks
    /// is complete, found and masked before any of it is sent.
    /// </summary>
    [Range(16, 4096)]
    public int StreamHoldBackChars { get; set; } = 64;

    /// <summary>A streamed answer is risk-checked at a sentence end, or after this many unchecked characters; text goes out only once checked.</summary>
    [Range(16, 10_000)]
    public int StreamCheckChars { get; set; } = 256;

    /// <summary>The content of an answer the output check blocked.</summary>
    [Required]
    [MinLength(1)]
    public string RefusalMessage { get; set; } = "The answer was withheld by the content filter.";

    /// <summary>Most text read out of the files of one request; a request with more is refused (400).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxDocumentChars { get; set; } = 200_000;
}
