using System.Buffers;
using Moderation.Engine.Lexicons;

namespace Moderation.Engine.Matching;

/// <summary>
/// Turns the verified hits of a scan into the reported ones in time linear in the hits and the records they span,
/// whatever the text: no sort and no search per hit. A text with a hit on every character (<c>ㅅㅂㅅㅂ…</c>) or a
/// candidate that the allowlist hides on every syllable (<c>시발점시발점…</c>) has as many hits as characters, and
/// sorting them and binary-searching the allowlist for each cost more than the scan itself.
/// </summary>
internal static class HitResolver
{
    /// <summary>
    /// Removes the hits that lie entirely inside an allowlisted word (시발점 hides 시발, not a 시발 next to it). The
    /// hit's own letters are what must be covered, not the word it was widened to (십팔번이 is 십팔번 + 이). Leaves
    /// the hits in their order.
    /// </summary>
    public static void RemoveAllowlisted(PooledList<Hit> hits, ReadOnlySpan<Hit> allowed)
    {
        using var reach = new AllowlistReach(allowed);
        var span = hits.AsSpan();
        var kept = 0;
        foreach (var hit in span)
        {
            if (!reach.Covers(hit.MatchFirst, hit.MatchLast))
            {
                span[kept++] = hit;
            }
        }

        hits.Truncate(kept);
        WorkMeter.Add(span.Length);
    }

    /// <summary>
    /// Folds nested hits into the outermost: in order of start, the longest and then the most severe first, a hit is
    /// kept when it reaches past every hit kept before it. Hits arrive in order of their end, which is the order of
    /// start too unless a pattern's length or a word's widening differs from the hit before; then they are sorted
    /// if a few moves do it, or else bucketed by start, one per record (the others at that start lie inside it).
    /// </summary>
    /// <remarks>
    /// Folded as they are read while they come in order, one pass over hits that need no sort (a text made of hits
    /// has one per character). A hit dropped before the first one out of order lies inside a kept one that sorts
    /// before it, so the sort and fold of what is left drop it again: dropping it early changes nothing.
    /// </remarks>
    public static void FoldNested(PooledList<Hit> hits, LexiconEntry[] entries)
    {
        var span = hits.AsSpan();
        var kept = 0;
        var keptEnd = -1;
        for (var i = 0; i < span.Length; i++)
        {
            var hit = span[i];
            if (i > 0 && !Follows(span[i - 1], hit, entries))
            {
                // span[i - 1] is still the hit read there: a kept hit moves to an index no greater than its own.
                span[i..].CopyTo(span[kept..]);
                hits.Truncate(kept + span.Length - i);
                WorkMeter.Add(i);
                FoldOutOfOrder(hits, entries);
                return;
            }

            if (hit.Last > keptEnd)
            {
                // Moved only once a hit has been dropped: most texts drop none.
                if (kept < i)
                {
                    span[kept] = hit;
                }

                kept++;
                keptEnd = hit.Last;
            }
        }

        hits.Truncate(kept);
        WorkMeter.Add(span.Length);
    }

    private static void FoldOutOfOrder(PooledList<Hit> hits, LexiconEntry[] entries)
    {
        if (!TrySortNearlyOrdered(hits.AsSpan(), entries))
        {
            KeepBestPerStart(hits, entries);
        }

        var span = hits.AsSpan();
        var kept = 0;
        var keptEnd = -1;
        foreach (var hit in span)
        {
            if (hit.Last > keptEnd)
            {
                span[kept++] = hit;
                keptEnd = hit.Last;
            }
        }

        hits.Truncate(kept);
        WorkMeter.Add(span.Length);
    }

    /// <summary>Whether <paramref name="hit"/> may come after <paramref name="previous"/> in fold order.</summary>
    private static bool Follows(in Hit previous, in Hit hit, LexiconEntry[] entries) =>
        previous.First < hit.First || (previous.First == hit.First && Rank(hit, previous, entries) <= 0);

    /// <summary>Positive when <paramref name="a"/> is kept over <paramref name="b"/> at the same start: it reaches further, or as far and is more severe.</summary>
    private static int Rank(in Hit a, in Hit b, LexiconEntry[] entries) =>
        a.Last != b.Last ? a.Last.CompareTo(b.Last) : entries[a.Source].Severity.CompareTo(entries[b.Source].Severity);

    /// <summary>
    /// Sorts hits that are out of order only here and there (他妈 then 他妈的: same start, the longer found later) by
    /// insertion, stable, within a budget of moves linear in the hits: ordinary text costs a few moves, where
    /// bucketing by start costs the records between the first hit and the last. A text whose hits would take more
    /// (suffix words widened far back, over and over) gives up part-way, still a stable permutation, and is bucketed.
    /// </summary>
    private static bool TrySortNearlyOrdered(Span<Hit> hits, LexiconEntry[] entries)
    {
        var budget = (4 * hits.Length) + 64;
        var moves = 0;
        try
        {
            for (var i = 1; i < hits.Length; i++)
            {
                var hit = hits[i];
                var j = i - 1;
                for (; j >= 0 && (hit.First < hits[j].First || (hit.First == hits[j].First && Rank(hit, hits[j], entries) > 0)); j--)
                {
                    if (++moves > budget)
                    {
                        hits[j + 1] = hit;
                        return false;
                    }

                    hits[j + 1] = hits[j];
                }

                hits[j + 1] = hit;
            }

            return true;
        }
        finally
        {
            WorkMeter.Add(moves);
        }
    }

    /// <summary>Of the hits starting at each record, keeps the best (the first of equals), in order of start.</summary>
    private static void KeepBestPerStart(PooledList<Hit> hits, LexiconEntry[] entries)
    {
        var span = hits.AsSpan();
        var (from, to) = (int.MaxValue, -1);
        foreach (var hit in span)
        {
            from = Math.Min(from, hit.First);
            to = Math.Max(to, hit.First);
        }

        var length = to - from + 1;
        var best = ArrayPool<int>.Shared.Rent(length);
        var ordered = ArrayPool<Hit>.Shared.Rent(span.Length);
        try
        {
            best.AsSpan(0, length).Fill(-1);
            for (var i = 0; i < span.Length; i++)
            {
                ref var slot = ref best[span[i].First - from];
                if (slot < 0 || Rank(span[i], span[slot], entries) > 0)
                {
                    slot = i;
                }
            }

            var count = 0;
            foreach (var index in best.AsSpan(0, length))
            {
                if (index >= 0)
                {
                    ordered[count++] = span[index];
                }
            }

            ordered.AsSpan(0, count).CopyTo(span);
            hits.Truncate(count);
            WorkMeter.Add(length + span.Length);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(best);
            ArrayPool<Hit>.Shared.Return(ordered);
        }
    }
}
