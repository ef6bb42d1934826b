namespace FilterApi.Pii;

/// <summary>Body of <c>POST /api/v1/pii/detect</c>.</summary>
/// <param name="Text">The text to scan, 1 to <c>Analysis:MaxTextLength</c> (10,000) characters.</param>
/// <param name="ExcludeLabels">Labels not to report, e.g. <c>["EMAIL"]</c>.</param>
/// <param name="Operator"><c>placeholder</c> (default: each value replaced by its label), <c>mask</c> (partly hidden) or <c>redact</c>.</param>
public sealed record PiiDetectRequest(string? Text, IReadOnlyList<string>? ExcludeLabels, string? Operator);

/// <summary>The identifier's answer, in the shape the guard's clients parse.</summary>
/// <param name="Abstracted">The text with each value replaced as <c>operator</c> says.</param>
/// <param name="Original">The text as sent.</param>
public sealed record PiiDetectResponse(Guid TrackingId, IReadOnlyList<PiiEntityAnswer> Entities, string Abstracted, string Original);

/// <param name="Start">UTF-16 offset of the value in the original text.</param>
/// <param name="End">UTF-16 offset just past it.</param>
/// <param name="Score">Confidence 0–1: a validated value scores higher, context words (전화, phone, 电话…) raise it.</param>
public sealed record PiiEntityAnswer(string Label, string Text, int Start, int End, double Score);
