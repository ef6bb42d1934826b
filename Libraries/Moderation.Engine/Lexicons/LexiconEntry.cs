namespace Moderation.Engine.Lexicons;

/// <summary>Where a term may stand relative to the letters around it.</summary>
public enum MatchScope
{
    /// <summary>Anywhere, even inside a longer word (default for Hangul and Han terms).</summary>
    Substring,

    /// <summary>A whole word: no letter of the same script directly before or after (default for Latin terms).</summary>
    Word,

    /// <summary>Starts a word and may continue (<c>fuck</c> in <c>fucking</c>).</summary>
    Prefix,

    /// <summary>Ends a word and may be preceded by letters (<c>fucker</c> in <c>motherfucker</c>).</summary>
    Suffix,
}

/// <summary>One profane term of a lexicon.</summary>
/// <param name="Term">The term as written in the lexicon (also what <c>filteredWord</c> reports).</param>
/// <param name="Lang"><c>ko</c>, <c>en</c> or <c>zh</c>.</param>
/// <param name="Category">insult, sexual, hate, violence, discrimination or drugs.</param>
/// <param name="Severity">1 (mild) to 3 (severe).</param>
/// <param name="Scope">Word-boundary rule.</param>
public sealed record LexiconEntry(string Term, string Lang, string Category, int Severity, MatchScope Scope);

/// <summary>A word that contains a profane substring but is not profane (<c>시발점</c>, <c>Scunthorpe</c>, <c>操场</c>).</summary>
public sealed record AllowEntry(string Term, string Lang, MatchScope Scope);
