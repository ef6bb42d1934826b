using FilterApi.Filtering;
using FilterApi.Pii;

namespace FilterApi.Scanning;

/// <summary>Body of <c>POST /api/v1/detect/text</c>.</summary>
/// <param name="Text">The text to check, 1 to <c>Analysis:MaxTextLength</c> (10,000) characters.</param>
/// <param name="Llm"><c>auto</c> (default: only texts in the grey zone of the lexicon+ML score), <c>always</c> or <c>never</c>.</param>
/// <param name="Pii">Whether to look for personal data (default true).</param>
/// <param name="Target"><c>chat</c> (default, F1-optimal) or <c>community</c> (few false positives): the threshold of the lexicon+ML decision.</param>
public sealed record DetectTextRequest(string? Text, string? Llm, bool? Pii, string? Target);

/// <summary>One decision from every tier, with what each tier said and how long it took.</summary>
/// <param name="Abusive">The decision: the LLM's verdict where it gave one, else the lexicon+ML decision.</param>
/// <param name="DecidedBy"><c>llm</c> or <c>lexicon+ml</c>.</param>
/// <param name="Categories">The lexicon hits' categories and the LLM's, without repeats.</param>
/// <param name="PersonalData">Personal data was found (not itself a reason to call the text abusive).</param>
/// <param name="Masked">The text with abusive spans masked by <c>*</c> and personal data replaced by its label.</param>
/// <param name="Degraded">The tiers that should have answered and did not (<c>fasttext</c>, <c>kobert</c>, <c>llm</c>).</param>
public sealed record DetectTextResponse(
    Guid TrackingId,
    bool Abusive,
    double Score,
    string DecidedBy,
    string Lang,
    IReadOnlyList<string> Categories,
    bool PersonalData,
    string Masked,
    LexiconTierAnswer Lexicon,
    ModelTierAnswer Ml,
    LlmTierAnswer Llm,
    PiiTierAnswer? Pii,
    IReadOnlyList<string> Degraded,
    double ElapsedMs);

/// <param name="Hits">Each lexicon hit with its span in the original text (UTF-16 units).</param>
public sealed record LexiconTierAnswer(IReadOnlyList<DetectedWord> Hits, double ElapsedMs);

/// <param name="FastText">fastText's toxic probability; null when it did not answer or was not asked.</param>
/// <param name="Kobert">The transformer's toxic probability; null likewise.</param>
/// <param name="Score">The lexicon+ML combination (0–1) and its decision at the target's threshold.</param>
public sealed record ModelTierAnswer(double? FastText, double? Kobert, double Score, bool Abusive, double ElapsedMs);

/// <param name="Verdict"><c>safe</c>, <c>unsafe</c>, <c>unknown</c> (asked, no usable answer) or <c>skipped</c> (not asked).</param>
/// <param name="Failure">Why unknown: not_configured, timeout, malformed, unavailable, circuit_open.</param>
public sealed record LlmTierAnswer(
    string Verdict, IReadOnlyList<string> Categories, string? Reason, double? Score, bool Cached, string? Failure, double ElapsedMs);

public sealed record PiiTierAnswer(IReadOnlyList<PiiEntityAnswer> Entities, string Abstracted, double ElapsedMs);

/// <summary>Answer of <c>POST /api/v1/detect/document</c>: the lexicon and personal-data findings of every page or paragraph.</summary>
/// <param name="Abusive">A lexicon word was found.</param>
/// <param name="PersonalData">Personal data was found.</param>
/// <param name="Findings">In document order, at most <c>Documents:MaxFindings</c>; <see cref="Truncated"/> says when more were left out.</param>
public sealed record DetectDocumentResponse(
    Guid TrackingId, DocumentAnswer Document, bool Abusive, bool PersonalData, IReadOnlyList<DocumentFinding> Findings, bool Truncated, double ElapsedMs);

/// <param name="Type"><c>txt</c>, <c>pdf</c> or <c>docx</c>.</param>
/// <param name="Unit"><c>page</c> (PDF) or <c>paragraph</c> (DOCX, TXT): what <see cref="DocumentFinding.Number"/> counts.</param>
/// <param name="Units">How many pages or paragraphs were read.</param>
public sealed record DocumentAnswer(string? Name, string Type, long Bytes, string Unit, int Units);

/// <summary>One finding, located by page or paragraph and UTF-16 offsets inside that unit's text.</summary>
/// <param name="Tier"><c>lexicon</c> (a word: <see cref="Word"/>, <see cref="Category"/>, <see cref="Severity"/>) or <c>pii</c> (<see cref="Label"/>, <see cref="Score"/>).</param>
/// <param name="Number">1-based page or paragraph number.</param>
/// <param name="Text">The span as the document has it.</param>
public sealed record DocumentFinding(
    string Tier, string Unit, int Number, int Start, int End, string Text,
    string? Word = null, string? Category = null, int? Severity = null, string? Lang = null, string? Label = null, double? Score = null);
