namespace Dashboard.Blazor.AdminApi;

// The playground's answers: the shapes of FilterApi's /api/v1/detect/text and /detect/document.

public sealed record DetectTextRequest(string Text, string Llm);

public sealed record DetectTextAnswer(
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

public sealed record DetectedWord(int Length, string FilteredWord, string Matched, int Start, string Lang, string Category, int Severity);

public sealed record LexiconTierAnswer(IReadOnlyList<DetectedWord> Hits, double ElapsedMs);

public sealed record ModelTierAnswer(double? FastText, double? Kobert, double Score, bool Abusive, double ElapsedMs);

public sealed record LlmTierAnswer(
    string Verdict, IReadOnlyList<string> Categories, string? Reason, double? Score, bool Cached, string? Failure, double ElapsedMs);

public sealed record PiiEntity(string Label, string Text, int Start, int End, double Score);

public sealed record PiiTierAnswer(IReadOnlyList<PiiEntity> Entities, string Abstracted, double ElapsedMs);

public sealed record DetectDocumentAnswer(
    Guid TrackingId, DocumentInfo Document, bool Abusive, bool PersonalData, IReadOnlyList<DocumentFinding> Findings, bool Truncated, double ElapsedMs);

public sealed record DocumentInfo(string? Name, string Type, long Bytes, string Unit, int Units);

public sealed record DocumentFinding(
    string Tier, string Unit, int Number, int Start, int End, string Text,
    string? Word = null, string? Category = null, int? Severity = null, string? Lang = null, string? Label = null, double? Score = null);
