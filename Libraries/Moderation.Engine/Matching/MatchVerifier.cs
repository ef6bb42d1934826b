using System.Runtime.CompilerServices;
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
    /// <summary>
    /// The most characters between two syllables of a Hangul match (<c>시 . 발</c>, <c>씨 - 발</c>): a swear word
    /// spaced out stays close together, while syllables further apart belong to different words.
    /// </summary>
    private const int MaxHangulGap = 5;

    public static bool IsMatch(Pattern pattern, ReadOnlySpan<SymbolRecord> records, int end, ReadOnlySpan<char> text)
    {
        var length = pattern.Symbols.Length;
        var start = end - length + 1;
        if (pattern.IsPlain && IsPlainMatch(pattern, records, start, end) is { } plain)
        {
            return plain;
        }

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
            if (pattern.Script == Script.Hangul && records[k].Start - records[k - 1].End > MaxHangulGap)
            {
                return false;
            }
        }

        // Punctuation inside a Latin word is an evasion only when it splits every letter (f.u.c.k); otherwise it
        // joins two words (who're is not "whore").
        if ((inner & Gap.Symbol) != 0 && !spelledOut && pattern.Script == Script.Latin)
        {
            return false;
        }

        // Most hits are a term written as such inside a word or phrase: nothing left to check. Texts made of hits
        // (ㅅㅂㅅㅂ…) verify one per character, and the word boundaries were a third of that.
        if ((inner & Gap.Space) == 0 && pattern.Variant == PatternVariant.Term && pattern.Scope == MatchScope.Substring)
        {
            return true;
        }

        var startsWord = StartsWord(records, start, spelledOut, inner);
        var endsWord = EndsWord(records, end, spelledOut, inner);
        // Across whitespace the match must cover whole words; a Hangul or Han word may go on after it (개 새끼야).
        if ((inner & Gap.Space) != 0
            && !(startsWord && (endsWord || (!spelledOut && pattern.Script != Script.Latin))))
        {
            return false;
        }

        if (!PassesVariantChecks(pattern, records, start, end, text, startsWord, endsWord, inner))
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
    /// Whether records <paramref name="first"/> to <paramref name="last"/> follow each other with no gap and close
    /// enough for a Hangul match: where they do, a plain pattern ending at <paramref name="last"/> matches (what
    /// <see cref="IsMatch"/> would decide); where not, <see cref="IsMatch"/> decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGapless(ReadOnlySpan<SymbolRecord> records, int first, int last)
    {
        for (var k = first + 1; k <= last; k++)
        {
            if (records[k].GapBefore != Gap.None || records[k].Start - records[k - 1].End > MaxHangulGap)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What <see cref="IsMatch"/> decides for a pattern plain but for its scope (<see cref="Pattern.IsPlainTerm"/>)
    /// matched at records <paramref name="first"/> to <paramref name="last"/> without gaps
    /// (<see cref="IsGapless"/>): a prefix must start a word and a suffix end one, where the script changes or a gap
    /// stands (a match without gaps is not spelled out, so every gap counts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGaplessScopeMatch(MatchScope scope, ReadOnlySpan<SymbolRecord> records, int first, int last) => scope switch
    {
        MatchScope.Prefix => !WordGoesOnBefore(records, first),
        MatchScope.Suffix => !WordGoesOnAfter(records, last),
        MatchScope.Substring => true,
        _ => false,
    };

    /// <summary>
    /// Whether a plain term (<see cref="Pattern.IsPlainTerm"/>) of <paramref name="script"/> matched at records
    /// <paramref name="first"/> to <paramref name="last"/> across whitespace starts inside a word (the record before
    /// is of its script, with nothing between) or, a Latin one, ends inside a word: across whitespace a match must
    /// start a word, and a Latin one end one too, so <see cref="IsMatch"/> refuses it. <c>ㅂ ㅅ</c> in
    /// <c>ㅅㅂ ㅅㅂ …</c> is one per word, and <c>shits</c> (a suffix) in <c>ｓｈｉｔ ｓｈｉｔ …</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CrossesSpaceInsideWord(Script script, ReadOnlySpan<SymbolRecord> records, int first, int last)
    {
        if (!WordGoesOnBefore(records, first) && !(script == Script.Latin && WordGoesOnAfter(records, last)))
        {
            return false;
        }

        for (var k = first + 1; k <= last; k++)
        {
            if ((records[k].GapBefore & Gap.Space) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A plain pattern's match with no gap inside: what the full check would decide, without its loops over runs and
    /// word boundaries (texts made of hits verify one per character). Null when a gap needs the full check.
    /// </summary>
    private static bool? IsPlainMatch(Pattern pattern, ReadOnlySpan<SymbolRecord> records, int start, int end)
    {
        for (var k = start + 1; k <= end; k++)
        {
            if (records[k].GapBefore != Gap.None)
            {
                return null;
            }

            if (pattern.Script == Script.Hangul && records[k].Start - records[k - 1].End > MaxHangulGap)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A respelt word must start a word, and a respelt two-syllable word be one; a word with Latin letters inside
    /// stays one word, and the Latin part is a whole run of Latin letters (씨bal, not 씨 balance); a word cut short
    /// counts only where it starts a word and ends a sentence.
    /// </summary>
    private static bool PassesVariantChecks(
        Pattern pattern, ReadOnlySpan<SymbolRecord> records, int start, int end, ReadOnlySpan<char> text, bool startsWord, bool endsWord, Gap inner) =>
        pattern.Variant switch
        {
            PatternVariant.Mixed => (inner & Gap.Space) == 0
                && (records[start].Script != Script.Latin || startsWord)
                && (records[end].Script != Script.Latin || endsWord),
            // Respelt syllables inside a longer word are too often another word (우스갯소리, 다시봐, 딸처럼).
            PatternVariant.Spelling => startsWord && (pattern.Symbols.Length > 2 || endsWord),
            PatternVariant.Truncated => startsWord && EndsSentence(text, records[end].End),
            _ => true,
        };

    /// <summary>
    /// Whether nothing but spaces stands between <paramref name="position"/> and the end of the text, a sentence
    /// mark, a line break, or laughing or crying jamo (ㅋㅋ, ㅎㅎ, ㅠㅠ).
    /// </summary>
    private static bool EndsSentence(ReadOnlySpan<char> text, int position)
    {
        var from = position;
        try
        {
            for (; position < text.Length; position++)
            {
                switch (text[position])
                {
                    case '.' or '!' or '?' or '…' or '~' or '\n' or '\r' or '。' or '！' or '？' or '～' or 'ㅋ' or 'ㅎ' or 'ㅠ' or 'ㅜ':
                        return true;
                    case var c when char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }
        finally
        {
            WorkMeter.Add(position - from);
        }
    }

    /// <summary>
    /// Widens a prefix hit to the end of its word and a suffix hit to the start of its word, so the whole
    /// inflected word is reported and masked (<c>fucking</c>, not <c>fuck</c>ing).
    /// </summary>
    public static (int First, int Last) WidenToWord(Pattern pattern, ReadOnlySpan<SymbolRecord> records, int first, int last) =>
        WidenToWord(pattern.Scope, records, first, last);

    /// <inheritdoc cref="WidenToWord(Pattern, ReadOnlySpan{SymbolRecord}, int, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int First, int Last) WidenToWord(MatchScope scope, ReadOnlySpan<SymbolRecord> records, int first, int last)
    {
        if (scope == MatchScope.Prefix)
        {
            while (WordGoesOnAfter(records, last))
            {
                last++;
            }
        }
        else if (scope == MatchScope.Suffix)
        {
            while (WordGoesOnBefore(records, first))
            {
                first--;
            }
        }

        return (first, last);
    }

    /// <summary>Whether the word of record <paramref name="first"/> goes on before it: the record before is of its script, with nothing between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WordGoesOnBefore(ReadOnlySpan<SymbolRecord> records, int first) =>
        first > 0 && records[first].GapBefore == Gap.None && records[first - 1].Script == records[first].Script;

    /// <summary>Whether the word of record <paramref name="last"/> goes on after it: the record after is of its script, with nothing between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WordGoesOnAfter(ReadOnlySpan<SymbolRecord> records, int last) =>
        last + 1 < records.Length && records[last + 1].GapBefore == Gap.None && records[last + 1].Script == records[last].Script;

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

        // Hangul syllables are words or morphemes, not letters: one spaced out (씨 발 놈 아) starts wherever a gap is.
        if (records[start].Script == Script.Hangul)
        {
            return true;
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

        if (records[end].Script == Script.Hangul)
        {
            return true;
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
