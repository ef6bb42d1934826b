using Moderation.Engine.Lexicons;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>
/// Decides whether a pattern the automaton found in the symbol stream is a real hit in the text: run lengths,
/// word boundaries, and the gaps the scanner skipped. Separators inside a match are what make <c>f.u.c.k</c> and
/// <c>시-발</c> hits, but also what could glue innocent words together (<c>as soon</c> → "assoon"), so a match that
/// crosses whitespace must either be spelled out letter by letter (<c>f u c k</c>) or cover whole words.
/// </summary>
internal static class MatchVerifier
{
    public static bool IsMatch(Pattern pattern, ReadOnlySpan<SymbolRecord> records, int end)
    {
        var length = pattern.Symbols.Length;
        var start = end - length + 1;
        // A profane pattern accepts longer runs (fuuuck); an allowlisted word only its own spelling, or
        // "niger" would hide "nigger".
        for (var k = 0; k < length; k++)
        {
            var required = pattern.Runs?[k] ?? 1;
            var run = records[start + k].Run;
            if (run < required || (pattern.IsAllow && run != required))
            {
                return false;
            }
        }

        var inner = Gap.None;
        var spelledOut = length > 1;
        for (var k = start + 1; k <= end; k++)
        {
            inner |= records[k].GapBefore;
            spelledOut &= records[k].GapBefore != Gap.None;
        }

        // Punctuation inside a Latin word is an evasion only when it splits every letter (f.u.c.k); otherwise it
        // joins two words (who're is not "whore").
        if ((inner & Gap.Symbol) != 0 && !spelledOut && pattern.Script == Script.Latin)
        {
            return false;
        }

        var startsWord = StartsWord(records, start, spelledOut, inner);
        var endsWord = EndsWord(records, end, spelledOut, inner);
        // Across whitespace the match must cover whole words; a Hangul or Han word may go on after it (개 새끼야).
        if ((inner & Gap.Space) != 0
            && !(startsWord && (endsWord || (!spelledOut && pattern.Script != Script.Latin))))
        {
            return false;
        }

        return pattern.Scope switch
        {
            MatchScope.Word => startsWord && endsWord,
            MatchScope.Prefix => startsWord,
            MatchScope.Suffix => endsWord,
            _ => true,
        };
    }

    /// <summary>
    /// Widens a prefix hit to the end of its word and a suffix hit to the start of its word, so the whole
    /// inflected word is reported and masked (<c>fucking</c>, not <c>fuck</c>ing).
    /// </summary>
    public static (int First, int Last) WidenToWord(Pattern pattern, ReadOnlySpan<SymbolRecord> records, int first, int last)
    {
        if (pattern.Scope == MatchScope.Prefix)
        {
            while (last + 1 < records.Length && records[last + 1].GapBefore == Gap.None && records[last + 1].Script == records[last].Script)
            {
                last++;
            }
        }
        else if (pattern.Scope == MatchScope.Suffix)
        {
            while (first > 0 && records[first].GapBefore == Gap.None && records[first - 1].Script == records[first].Script)
            {
                first--;
            }
        }

        return (first, last);
    }

    private static bool StartsWord(ReadOnlySpan<SymbolRecord> records, int start, bool spelledOut, Gap inner)
    {
        if (start == 0 || records[start - 1].Script != records[start].Script)
        {
            return true;
        }

        var gap = records[start].GapBefore;
        if (gap == Gap.None)
        {
            return false;
        }

        // A spelled-out match (f.u.c.k) starts a word only if what precedes is not more of the same spelling
        // (c.l.a.s.s must not yield "ass"): a stronger gap, or a previous word of several letters.
        return !spelledOut
            || ((gap & Gap.Space) != 0 && (inner & Gap.Space) == 0)
            || IsMultiLetterWordEnd(records, start - 1);
    }

    private static bool EndsWord(ReadOnlySpan<SymbolRecord> records, int end, bool spelledOut, Gap inner)
    {
        if (end == records.Length - 1 || records[end + 1].Script != records[end].Script)
        {
            return true;
        }

        var gap = records[end + 1].GapBefore;
        if (gap == Gap.None)
        {
            return false;
        }

        return !spelledOut
            || ((gap & Gap.Space) != 0 && (inner & Gap.Space) == 0)
            || IsMultiLetterWordStart(records, end + 1);
    }

    private static bool IsMultiLetterWordEnd(ReadOnlySpan<SymbolRecord> records, int index) =>
        records[index].Run > 1 || (index > 0 && records[index].GapBefore == Gap.None);

    private static bool IsMultiLetterWordStart(ReadOnlySpan<SymbolRecord> records, int index) =>
        records[index].Run > 1 || (index + 1 < records.Length && records[index + 1].GapBefore == Gap.None);
}
