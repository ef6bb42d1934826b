namespace FilterApi.Filtering;

/// <summary>Body of <c>POST /api/v1/filter</c>, as JSON or as a form.</summary>
/// <param name="Text">The text to check, at most <c>Filter:MaxTextLength</c> characters.</param>
/// <param name="Mode"><c>QUICK</c>, <c>NORMAL</c> or <c>FILTER</c>, case-insensitive.</param>
/// <param name="CallbackUrl">Optional: answer 2020 at once and POST the result to this http(s) URL.</param>
public sealed record FilterRequest(string? Text, string? Mode, string? CallbackUrl);

/// <summary>The KISO-style answer: always HTTP 200, the outcome in <see cref="Status"/>.</summary>
public sealed record FilterResponse(
    Guid TrackingId,
    FilterStatus Status,
    IReadOnlyList<DetectedWord> Detected,
    string Filtered,
    string Elapsed);

/// <param name="Code">2000 Ok, 2020 Accepted, 4000 Bad Request, 4010 Unauthorized, 4030 Forbidden, 4290 Too Many Requests, 5000 Internal Error.</param>
/// <param name="DetailDescription">For errors, which field or limit was at fault.</param>
public sealed record FilterStatus(int Code, string Message, string Description, string DetailDescription);

/// <param name="Start">Start of the span in the original text, in UTF-16 code units.</param>
/// <param name="Length">Length of the span in UTF-16 code units.</param>
/// <param name="FilteredWord">The lexicon entry.</param>
/// <param name="Matched">The span as the client wrote it.</param>
public sealed record DetectedWord(int Length, string FilteredWord, string Matched, int Start, string Lang, string Category, int Severity);
