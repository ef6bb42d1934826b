namespace FilterApi.Lexicons;

/// <summary>Body of <c>POST /api/v1/admin/lexicon</c>: add a word to a language's lexicon, or remove a built-in one.</summary>
/// <param name="Lang">ko, en or zh.</param>
/// <param name="Action"><c>add</c> (default) or <c>remove</c>.</param>
/// <param name="Category">insult (default), sexual, hate, violence, discrimination or drugs; for <c>add</c>.</param>
/// <param name="Severity">1 to 3 (default 2); for <c>add</c>.</param>
public sealed record LexiconOverrideRequest(string? Lang, string? Word, string? Action, string? Category, int? Severity);

/// <summary>An operator's change to the lexicon, applied on every replica.</summary>
public sealed record LexiconOverrideView(
    long Id, string Lang, string Word, string Action, string Category, int Severity, DateTime UpdatedAt, string UpdatedBy);
