namespace Moderation.Engine;

/// <summary>One lexicon hit, located in the original text.</summary>
/// <param name="Start">Index of the first UTF-16 unit of the span in the original text.</param>
/// <param name="Length">Length of the span in UTF-16 units; never splits a surrogate pair or a text element.</param>
/// <param name="FilteredWord">The lexicon entry that matched.</param>
/// <param name="Matched">The span exactly as the client wrote it.</param>
/// <param name="Lang">Language of the lexicon entry.</param>
/// <param name="Category">Category of the lexicon entry.</param>
/// <param name="Severity">Severity of the lexicon entry, 1 to 3.</param>
public readonly record struct Detection(
    int Start,
    int Length,
    string FilteredWord,
    string Matched,
    string Lang,
    string Category,
    int Severity);
