using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Engine;
using Moderation.Engine.Lexicons;
using Moderation.Engine.Matching;

namespace Engine.Tests;

/// <summary>
/// The linear hit resolution (no sort, one array load per allowlist check) gives what sorting and searching gave:
/// checked against the obvious implementations on generated hits, in order and out of order.
/// </summary>
public class HitResolverTests
{
    private static readonly LexiconEntry[] Entries =
    [
        new("a", "ko", "insult", 1, MatchScope.Substring),
        new("b", "ko", "insult", 3, MatchScope.Substring),
        new("c", "ko", "insult", 2, MatchScope.Substring),
        new("d", "ko", "insult", 2, MatchScope.Substring),
    ];

    /// <summary>Hits over 40 records, some widened past the letters they matched (a prefix or suffix term).</summary>
    private static readonly Gen<Hit> Hits =
        from first in Gen.Choose(0, 30)
        from length in Gen.Choose(0, 4)
        from before in Gen.Choose(0, 2)
        from after in Gen.Choose(0, 2)
        from source in Gen.Choose(0, Entries.Length - 1)
        select new Hit(Math.Max(0, first - before), first + length + after, first, first + length, source);

    /// <summary>Most texts give their hits in order of start; these are sorted by end, as candidates come.</summary>
    private static Arbitrary<Hit[]> HitLists() =>
        Gen.OneOf(Hits.ArrayOf(), Hits.ArrayOf().Select(hits => hits.OrderBy(hit => hit.MatchLast).ToArray())).ToArbitrary();

    [Property(MaxTest = 1_000)]
    public Property FoldingKeepsWhatSortingAndSweepingKept() =>
        Prop.ForAll(HitLists(), hits =>
        {
            // A stable sort: of hits equal in start, end and severity the first one found is kept.
            var expected = new List<Hit>();
            var keptEnd = -1;
            foreach (var hit in hits.OrderBy(h => h.First).ThenByDescending(h => h.Last).ThenByDescending(h => Entries[h.Source].Severity))
            {
                if (hit.Last > keptEnd)
                {
                    expected.Add(hit);
                    keptEnd = hit.Last;
                }
            }

            using var list = ToPooled(hits);
            HitResolver.FoldNested(list, Entries);
            return list.AsSpan().ToArray().SequenceEqual(expected);
        });

    /// <summary>
    /// The engine folds only when its hits are not each past the one before (it skips the pass otherwise): terms
    /// inside longer ones, at the same start or not, alone and repeated past the compact list's threshold.
    /// </summary>
    [Theory]
    [InlineData("他妈的", "他妈的")]
    [InlineData("씨발놈아", "씨발놈")]
    [InlineData("motherfucker", "motherfucker")]
    [InlineData("개새끼", "개새끼")]
    public void NestedTermsFoldIntoTheOutermost(string unit, string matched)
    {
        var engine = ModerationEngine.CreateDefault();
        foreach (var times in new[] { 1, 3, ModerationEngine.ManyDetections + 5 })
        {
            var text = string.Join(' ', Enumerable.Repeat(unit, times));
            var detections = engine.Detect(text);

            Assert.Equal(times, detections.Count);
            Assert.All(detections, detection => Assert.Equal(matched, detection.Matched));
        }
    }

    [Property(MaxTest = 1_000)]
    public Property AllowlistRemovesExactlyTheHitsInsideAWord() =>
        Prop.ForAll(HitLists(), HitLists(), (hits, words) =>
        {
            var expected = hits.Where(hit => words.Length == 0 || !words.Any(word => word.First <= hit.MatchFirst && word.Last >= hit.MatchLast));
            using var list = ToPooled(hits);
            if (words.Length > 0)
            {
                HitResolver.RemoveAllowlisted(list, words);
            }

            return list.AsSpan().ToArray().SequenceEqual(expected);
        });

    [Property(MaxTest = 1_000)]
    public Property ReachIsTheFurthestEndOfTheWordsStartingAtOrBefore() =>
        Prop.ForAll(HitLists(), words =>
        {
            if (words.Length == 0)
            {
                return true;
            }

            using var reach = new AllowlistReach(words);
            for (var record = 0; record < 45; record++)
            {
                if (reach.ReachAt(record) != words.Where(word => word.First <= record).Select(word => word.Last).DefaultIfEmpty(-1).Max())
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 1_000)]
    public Property RangesAreTheOverlappingWordsMergedInOrderOfStart() =>
        Prop.ForAll(HitLists(), words =>
        {
            var expected = new List<(int, int)>();
            var sorted = words.OrderBy(word => word.First).ToArray();
            for (var i = 0; i < sorted.Length;)
            {
                var (first, last) = (sorted[i].First, sorted[i++].Last);
                while (i < sorted.Length && sorted[i].First <= last)
                {
                    last = Math.Max(last, sorted[i++].Last);
                }

                expected.Add((first, last));
            }

            var ranges = new List<(int, int)>();
            if (words.Length > 0)
            {
                using var reach = new AllowlistReach(words);
                for (var r = reach.From; reach.NextRange(r, out var first, out var last); r = last + 1)
                {
                    ranges.Add((first, last));
                }
            }

            return ranges.SequenceEqual(expected);
        });

    private static PooledList<Hit> ToPooled(Hit[] hits)
    {
        var list = new PooledList<Hit>();
        foreach (var hit in hits)
        {
            list.Add(hit);
        }

        return list;
    }
}
