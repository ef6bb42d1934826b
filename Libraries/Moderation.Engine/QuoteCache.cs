using System.Runtime.CompilerServices;
using Moderation.Engine.Lexicons;

namespace Moderation.Engine;

/// <summary>
/// A detection's span as the client wrote it (<see cref="Detection.Matched"/>), as a number: the entry's term, the
/// whole text, or an index into <paramref name="quotes"/>. A quote equal to the term or to the last quote of the same
/// entry makes no new string, so a text that repeats one spelling thousands of times (<c>ｓｈｉｔ ｓｈｉｔ …</c>,
/// <c>시́발́시́발́…</c>) gets one string, not one per hit.
/// </summary>
internal sealed class QuoteCache(string text, List<string> quotes)
{
    public const int Term = -1;

    public const int WholeText = -2;

    /// <summary>What <see cref="Known"/> and <see cref="Recent"/> answer when only <see cref="Quote"/> can tell.</summary>
    public const int Unknown = int.MinValue;

    /// <summary>Slots by entry; a collision only costs a new string.</summary>
    private const int Slots = 16;

    private int[]? _recent;

    /// <summary>
    /// The quote of <c>text[start..end]</c> when it is the whole text or the term itself, else <see cref="Unknown"/>.
    /// A term of one or two characters is compared from one small record, not the entry and its string (three loads
    /// in a row, once per hit of a text made of hits).
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

    /// <summary>
    /// The quote last numbered in <paramref name="source"/>'s slot when <c>text[start..end]</c> is the same, else
    /// <see cref="Unknown"/>. Compared a character at a time, without a call, for a loop that makes none (a spelling
    /// repeated thousands of times is a few characters long).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Recent(int start, int end, int source)
    {
        if (_recent is not { } recent || recent[source % Slots] is not (>= 0 and var slot))
        {
            return Unknown;
        }

        var quoted = quotes[slot];
        if (quoted.Length != end - start)
        {
            return Unknown;
        }

        for (var k = 0; k < quoted.Length; k++)
        {
            if (quoted[k] != text[start + k])
            {
                return Unknown;
            }
        }

        return slot;
    }

    /// <summary>The quote of <c>text[start..end]</c>, a hit of <paramref name="term"/>: the term itself, or a number.</summary>
    public int Quote(int start, int end, int source, string term)
    {
        var quoted = text.AsSpan(start, end - start);
        if (quoted.SequenceEqual(term))
        {
            return Term;
        }

        if (_recent is null)
        {
            _recent = new int[Slots];
            Array.Fill(_recent, -1);
        }

        ref var slot = ref _recent[source % Slots];
        if (slot < 0 || !quoted.SequenceEqual(quotes[slot]))
        {
            slot = quotes.Count;
            quotes.Add(quoted.ToString());
        }

        return slot;
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
