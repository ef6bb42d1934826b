using System.Text.Json.Serialization;

namespace FilterApi.Analysis;

/// <summary>Body of <c>POST /api/v1/analyze/{target}</c> and <c>POST /api/v1/predict</c>.</summary>
/// <param name="Text">The text to check, 1 to <c>Analysis:MaxTextLength</c> (10,000) characters.</param>
public sealed record AnalyzeRequest(string? Text);

/// <summary>The ML tier's answer, in the seed gateways' shape.</summary>
/// <param name="FinalDecision">1 = abusive, 0 = not.</param>
/// <param name="Score">Probability that the text is abusive, 0–1, from the tiers that answered.</param>
/// <param name="BadWords">The abusive words as the text spells them (lexicon hits and the words fastText blames); empty when not abusive.</param>
/// <param name="Degraded">True when a model server did not answer: the decision comes from the tiers that did.</param>
public sealed record AnalyzeResponse(
    Guid TrackingId,
    AnalyzeTexts Result,
    [property: JsonPropertyName("final_decision")] int FinalDecision,
    double Score,
    [property: JsonPropertyName("badwords")] IReadOnlyList<string> BadWords,
    bool Degraded);

/// <param name="OriginalText">The text as sent.</param>
/// <param name="RewrittenText">The text with the abusive words masked by <c>*</c>.</param>
public sealed record AnalyzeTexts(
    [property: JsonPropertyName("original_text")] string OriginalText,
    [property: JsonPropertyName("rewritten_text")] string RewrittenText);

/// <summary>Answer of <c>POST /api/v1/predict</c>.</summary>
/// <param name="IsToxic">The <c>chat</c> decision of all tiers.</param>
/// <param name="Score">The combined score, 0–100.</param>
/// <param name="Degraded">True when a model server did not answer.</param>
public sealed record PredictAnswer(
    string Text,
    [property: JsonPropertyName("is_toxic")] bool IsToxic,
    double Score,
    bool Degraded);
