namespace Moderation.Engine;

/// <summary>
/// A detection's span as the client wrote it (<see cref="Detection.Matched"/>) without a new string per hit when it
/// is the term itself or the same as the last quote of that entry: a text that repeats one spelling thousands of
/// times (<c>ｓｈｉｔ ｓｈｉｔ …</c>, <c>시́발́시́발́…</c>) gets one string, not one per hit.
/// </summary>
internal struct QuoteCache(string text)
{
    /// <summary>Slots by entry; a collision only costs a new string.</summary>
    private const int Slots = 16;

    private string?[]? _recent;

    public string Quote(int start, int end, int source, string term)
    {
        if (end - start == text.Length)
        {
            return text;
        }

        var quoted = text.AsSpan(start, end - start);
        if (quoted.SequenceEqual(term))
        {
            return term;
        }

        _recent ??= new string?[Slots];
        ref var slot = ref _recent[source % Slots];
        if (slot is null || !quoted.SequenceEqual(slot))
        {
            slot = quoted.ToString();
        }

        return slot;
    }
}
