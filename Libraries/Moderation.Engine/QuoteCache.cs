using System.Runtime.CompilerServices;
using Moderation.Engine.Lexicons;

namespace Moderation.Engine;

/// <summary>
/// A detection's span as the client wrote it (<see cref="Detection.Matched"/>), as a number: the entry's term, the
/// whole text, or an index into <paramref name="quotes"/>. A quote equal to the term or to the last quote of the same
/// entry makes no new string, so a text that repeats one spelling thousands of times (<c>ｓｈｉｔ ｓｈｉｔ …</c>,
/// <c>시́발́시́발́…</c>) gets one string, not one per hit.
/// </summary>
internal struct QuoteCache(string text, List<string> quotes)
{
    public const int Term = -1;

    public const int WholeText = -2;

    /// <summary>What <see cref="Known"/> answers when it cannot tell.</summary>
    public const int Unknown = -3;

    /// <summary>Slots by entry; a collision only costs a new string.</summary>
    private const int Slots = 16;

    private int[]? _recent;

    /// <summary>
    /// The quote of <c>text[start..end]</c>: the whole text, the term itself, or a number. A term of one or two
    /// characters is compared from one small record, not the entry and its string (three loads in a row, once per
    /// hit of a text made of hits); the usual answer is inline, the rest in a call, since the whole check inlined (a
    /// vectorised compare, the slots) left the detection loops around it short of registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Quote(int start, int end, int source, ShortTerm shortTerm, LexiconEntry[] entries) =>
        Known(text, start, end, shortTerm) is var known && known != Unknown ? known : QuoteAny(start, end, source, entries[source].Term);

    /// <summary>
    /// <see cref="Quote"/>'s usual answers, from the text alone: <see cref="WholeText"/>, or <see cref="Term"/> for a
    /// quote of a short term; <see cref="Unknown"/> when <see cref="QuoteAny"/> must decide. Static, so a loop that
    /// asks it once per hit keeps what it reads in registers rather than in the cache's fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Known(string text, int start, int end, ShortTerm shortTerm)
    {
        var length = end - start;
        if (length == text.Length)
        {
            return WholeText;
        }

        return length == shortTerm.Length && text[start] == shortTerm.First && text[end - 1] == shortTerm.Last ? Term : Unknown;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int QuoteAny(int start, int end, int source, string term)
    {
        // The entry's last quote first: a text that repeats one spelling (ｓｈｉｔ ｓｈｉｔ …) finds it there at once. A
        // quote equal to the term is never kept, so the order changes no answer.
        var quoted = text.AsSpan(start, end - start);
        _recent ??= NewSlots();
        ref var slot = ref _recent[source % Slots];
        if (slot >= 0 && quoted.SequenceEqual(quotes[slot]))
        {
            return slot;
        }

        if (quoted.SequenceEqual(term))
        {
            return Term;
        }

        slot = quotes.Count;
        quotes.Add(quoted.ToString());
        return slot;
    }

    private static int[] NewSlots()
    {
        var slots = new int[Slots];
        Array.Fill(slots, -1);
        return slots;
    }

    /// <summary>The string a number from <see cref="Quote"/> stands for.</summary>
    public static string Text(int quote, string term, string text, List<string> quotes) => quote switch
    {
        Term => term,
        WholeText => text,
        _ => quotes[quote],
    };
}

/// <summary>A term of one or two characters, as a quote of it is checked: its length and first and last characters; a length of 0 for longer terms.</summary>
internal readonly record struct ShortTerm(int Length, char First, char Last)
{
    public static ShortTerm Of(string term) => term.Length is 1 or 2 ? new ShortTerm(term.Length, term[0], term[^1]) : default;
}
