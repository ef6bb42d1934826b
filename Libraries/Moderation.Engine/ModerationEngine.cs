using System.Buffers;
using Moderation.Engine.Lexicons;
using Moderation.Engine.Matching;

namespace Moderation.Engine;

/// <summary>
/// The lexicon tier: normalisation that defeats evasion spellings, a multi-pattern automaton, the allowlist,
/// and spans mapped back to the original text. Immutable and thread-safe; build a new one to change lexicons.
/// </summary>
public sealed partial class ModerationEngine
{
    private readonly CompiledLexicon _compiled;

    private ModerationEngine(Lexicon lexicon, CompiledLexicon compiled)
    {
        Lexicon = lexicon;
        _compiled = compiled;
    }

    /// <summary>Builds an engine over <paramref name="lexicon"/>.</summary>
    public static ModerationEngine Create(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        return new ModerationEngine(lexicon, PatternCompiler.Compile(lexicon));
    }

    /// <summary>An engine over the built-in lexicons.</summary>
    public static ModerationEngine CreateDefault() => Create(Lexicon.BuiltIn);

    public Lexicon Lexicon { get; }

    /// <summary>Number of automaton patterns, variants included.</summary>
    public int PatternCount => _compiled.Patterns.Length;

    /// <summary>Finds lexicon hits in <paramref name="text"/>, in order of their start. <paramref name="firstOnly"/> keeps only the first.</summary>
    public IReadOnlyList<Detection> Detect(string text, bool firstOnly = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text, firstOnly, allowedOut: null, static (_, _, detections, _) => detections);
    }

    /// <summary>
    /// What the lexicon tier tells the ML tier about <paramref name="text"/>: its hits, and the text the models should
    /// read, with allowlisted words blanked out. The models learnt from character n-grams and pieces, so they see
    /// 시발 in 시발점 and 병신 in 병신년; the allowlist is the lexicon tier's knowledge that these are innocent.
    /// </summary>
    public LexiconView Inspect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text, firstOnly: false, allowedOut: [], static (text, records, detections, allowed) =>
        {
            if (allowed!.Count == 0)
            {
                return new LexiconView(detections, text);
            }

            // In order of start, overlapping words as one range: the cursor needs the order, and a word's letters
            // are blanked once however many allowlisted words overlap there (cocktailcocktail… widens every one).
            allowed.Sort(static (a, b) => a.First.CompareTo(b.First));
            var modelText = text.ToCharArray();
            var cursor = new TextElementCursor(text);
            for (var i = 0; i < allowed.Count;)
            {
                var (first, last) = (allowed[i].First, allowed[i++].Last);
                while (i < allowed.Count && allowed[i].First <= last)
                {
                    last = Math.Max(last, allowed[i++].Last);
                }

                var (start, end) = cursor.Expand(records[first].Start, records[last].End);
                modelText.AsSpan(start, end - start).Fill(' ');
            }

            return new LexiconView(detections, new string(modelText));
        });
    }

    /// <summary>Scans, verifies and maps the hits back to the text, then hands everything to <paramref name="shape"/> while the records are still rented.</summary>
    private T Scan<T>(string text, bool firstOnly, List<Hit>? allowedOut, Func<string, SymbolRecord[], IReadOnlyList<Detection>, List<Hit>?, T> shape)
    {
        WorkMeter.Add(text.Length);
        var records = ArrayPool<SymbolRecord>.Shared.Rent(text.Length + 1);
        try
        {
            var candidates = new List<Candidate>();
            var count = new SymbolScanner(text, _compiled.Table, records, _compiled.Automaton, candidates).Run();
            if (candidates.Count == 0)
            {
                return shape(text, records, [], allowedOut);
            }

            var hits = Verify(text, records.AsSpan(0, count), candidates, allowedOut);
            return shape(text, records, hits.Count == 0 ? [] : ToDetections(text, records, hits, firstOnly), allowedOut);
        }
        finally
        {
            ArrayPool<SymbolRecord>.Shared.Return(records);
        }
    }

    /// <summary>Verified hits as record ranges, allowlisted ones removed, nested ones folded into the longest.</summary>
    /// <param name="allowedOut">When given, receives the allowlisted words found.</param>
    private List<Hit> Verify(string text, ReadOnlySpan<SymbolRecord> records, List<Candidate> candidates, List<Hit>? allowedOut)
    {
        var automaton = _compiled.Automaton;
        var hits = new List<Hit>();
        var allowed = allowedOut ?? [];
        var steps = 0;
        foreach (var candidate in candidates)
        {
            for (var state = automaton.OutLink[candidate.State]; state >= 0; state = automaton.OutLink[automaton.Fail[state]])
            {
                foreach (var id in automaton.PatternsEndingAt(state))
                {
                    var pattern = _compiled.Patterns[id];
                    steps++;
                    if (MatchVerifier.IsMatch(pattern, records, candidate.RecordIndex, text))
                    {
                        var matchFirst = candidate.RecordIndex - pattern.Symbols.Length + 1;
                        var (first, last) = MatchVerifier.WidenToWord(pattern, records, matchFirst, candidate.RecordIndex);
                        steps += matchFirst - first + (last - candidate.RecordIndex);
                        (pattern.IsAllow ? allowed : hits).Add(new Hit(first, last, matchFirst, candidate.RecordIndex, pattern.Source));
                    }
                }

                if (state == 0)
                {
                    break;
                }
            }
        }

        WorkMeter.Add(steps);

        // An allowlisted word hides only the hits that lie entirely inside it (시발점 hides 시발, not a 시발 next to it).
        // The hit's own letters are what must be covered, not the word it was widened to (십팔번이 is 십팔번 + 이).
        if (allowed.Count > 0)
        {
            RemoveAllowlisted(hits, allowed);
        }

        hits.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First)
            : a.Last != b.Last ? b.Last.CompareTo(a.Last)
            : Lexicon.Entries[b.Source].Severity.CompareTo(Lexicon.Entries[a.Source].Severity));

        var kept = new List<Hit>(hits.Count);
        var keptEnd = -1;
        foreach (var hit in hits)
        {
            if (hit.Last > keptEnd)
            {
                kept.Add(hit);
                keptEnd = hit.Last;
            }
        }

        return kept;
    }

    /// <summary>
    /// Removes the hits that lie entirely inside an allowlisted word: with the words in order of start and the
    /// furthest end reached so far, one binary search per hit instead of a scan of every word (quadratic on
    /// <c>시발점시발점…</c>). Leaves the hits in their order.
    /// </summary>
    private static void RemoveAllowlisted(List<Hit> hits, List<Hit> allowed)
    {
        allowed.Sort(static (a, b) => a.First.CompareTo(b.First));
        var furthest = ArrayPool<int>.Shared.Rent(allowed.Count);
        try
        {
            var reach = -1;
            for (var i = 0; i < allowed.Count; i++)
            {
                reach = Math.Max(reach, allowed[i].Last);
                furthest[i] = reach;
            }

            var kept = 0;
            var steps = 0;
            for (var i = 0; i < hits.Count; i++)
            {
                var hit = hits[i];
                // The last word starting at or before the hit; the words before it reach no further than furthest[k].
                var (low, high) = (0, allowed.Count - 1);
                while (low <= high)
                {
                    var middle = (low + high) >>> 1;
                    (low, high) = allowed[middle].First <= hit.MatchFirst ? (middle + 1, high) : (low, middle - 1);
                    steps++;
                }

                if (high < 0 || furthest[high] < hit.MatchLast)
                {
                    hits[kept++] = hit;
                }
            }

            hits.RemoveRange(kept, hits.Count - kept);
            WorkMeter.Add(steps);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(furthest);
        }
    }

    private List<Detection> ToDetections(string text, SymbolRecord[] records, List<Hit> hits, bool firstOnly)
    {
        var detections = new List<Detection>(firstOnly ? 1 : hits.Count);
        var cursor = new TextElementCursor(text);
        foreach (var hit in hits)
        {
            var (start, end) = cursor.Expand(records[hit.First].Start, records[hit.Last].End);
            var entry = Lexicon.Entries[hit.Source];
            detections.Add(new Detection(start, end - start, entry.Term, text[start..end], entry.Lang, entry.Category, entry.Severity));
            if (firstOnly)
            {
                break;
            }
        }

        return detections;
    }

    /// <summary>
    /// The text as the automaton sees it: folded letters, repeats as one letter, separators dropped and whitespace as
    /// one space (<c>Ｆ.u.u.c.k   ｓh1t</c> → <c>fuck shit</c>). For diagnostics and the console's playground.
    /// </summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ArrayPool<SymbolRecord>.Shared.Rent(text.Length + 1);
        try
        {
            var count = new SymbolScanner(text, _compiled.NormalisingTable, records, automaton: null, candidates: null).Run();
            var builder = new System.Text.StringBuilder(count);
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && (records[i].GapBefore & Gap.Space) != 0)
                {
                    builder.Append(' ');
                }

                // Letters in no lexicon keep no normalised form; show them as written.
                builder.Append(records[i].Symbol != 0 ? (char)records[i].Symbol : text[records[i].Start]);
            }

            return builder.ToString();
        }
        finally
        {
            ArrayPool<SymbolRecord>.Shared.Return(records);
        }
    }

    /// <summary>Replaces every text element inside a detection's span with <paramref name="mask"/>; everything else is kept as is.</summary>
    public static string Mask(string text, IReadOnlyList<Detection> detections, char mask = '*')
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(detections);
        return TextElements.Mask(text, detections, mask);
    }

    /// <summary>
    /// A verified hit: records <see cref="First"/>..<see cref="Last"/> (widened to the whole word for prefix and
    /// suffix terms), the records the pattern itself matched, and the entry (or allowlist entry) behind it.
    /// </summary>
    private readonly record struct Hit(int First, int Last, int MatchFirst, int MatchLast, int Source);
}
