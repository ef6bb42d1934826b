using System.Buffers;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Past this many detections, a <see cref="DetectionList"/> holds them. It was 1,024, where a list of 48-byte
    /// detections would leave 64 KB, but writing a detection (four references, each through the GC's write barrier)
    /// into a list cost more than the rest of a hit at any count: on <c>ㅅㅂㅅㅂ…</c> at 100 characters (99 hits) the
    /// list was ~35% of FILTER. Below a few dozen, a text has few hits and the list's two objects are cheaper than
    /// the compact list's four.
    /// </summary>
    internal const int ManyDetections = 64;

    /// <summary><see cref="Lexicon.Entries"/> as an array: read once per hit.</summary>
    private readonly LexiconEntry[] _entries;

    /// <summary>Each entry's term as <see cref="QuoteCache"/> checks a quote of it in the compact list's loop.</summary>
    private readonly ShortTerm[] _shortTerms;

    private ModerationEngine(Lexicon lexicon, CompiledLexicon compiled)
    {
        Lexicon = lexicon;
        _compiled = compiled;
        _entries = [.. lexicon.Entries];
        _shortTerms = new ShortTerm[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            _shortTerms[i] = ShortTerm.Of(_entries[i].Term);
        }
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
        return Scan(text, firstOnly, static (_, _, detections, _) => detections);
    }

    /// <summary>
    /// What the lexicon tier tells the ML tier about <paramref name="text"/>: its hits, and the text the models should
    /// read, with allowlisted words blanked out. The models learnt from character n-grams and pieces, so they see
    /// 시발 in 시발점 and 병신 in 병신년; the allowlist is the lexicon tier's knowledge that these are innocent.
    /// </summary>
    public LexiconView Inspect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text, firstOnly: false, static (text, records, detections, allowed) =>
        {
            if (allowed.IsEmpty)
            {
                return new LexiconView(detections, text);
            }

            // Overlapping words as one range, in order of start: the cursor needs the order, and a word's letters are
            // blanked once however many allowlisted words overlap there (cocktailcocktail… widens every one).
            using var reach = new AllowlistReach(allowed);
            var modelText = text.ToCharArray();
            var cursor = new TextElementCursor(text);
            for (var r = reach.From; reach.NextRange(r, out var first, out var last); r = last + 1)
            {
                var (start, end) = cursor.Widen(records[first].Start, records[last].End);
                modelText.AsSpan(start, end - start).Fill(' ');
            }

            return new LexiconView(detections, new string(modelText));
        });
    }

    /// <summary>What a scan hands its caller while the records are still rented: the text, its records, the detections and the allowlisted words found.</summary>
    private delegate T ScanShape<T>(string text, SymbolRecord[] records, IReadOnlyList<Detection> detections, ReadOnlySpan<Hit> allowed);

    /// <summary>Scans, verifies and maps the hits back to the text, then hands everything to <paramref name="shape"/>.</summary>
    /// <remarks>Candidates, hits and allowlisted words live in pooled arrays: a text with a hit per character has as many of each as characters.</remarks>
    private T Scan<T>(string text, bool firstOnly, ScanShape<T> shape)
    {
        WorkMeter.Add(text.Length);
        var records = ArrayPool<SymbolRecord>.Shared.Rent(text.Length + 1);
        // At most one candidate per record, so the list never grows: pooled, its size costs nothing.
        using var candidates = new PooledList<Candidate>(text.Length + 1);
        try
        {
            var count = new SymbolScanner(text, _compiled.Table, records, _compiled.Automaton, candidates).Run();
            if (candidates.Count == 0)
            {
                return shape(text, records, [], []);
            }

            using var hits = new PooledList<Hit>(candidates.Count);
            using var allowed = new PooledList<Hit>();
            Verify(text, records.AsSpan(0, count), candidates.AsSpan(), hits, allowed);
            return shape(text, records, hits.Count == 0 ? [] : ToDetections(text, records, hits.AsSpan(), firstOnly), allowed.AsSpan());
        }
        finally
        {
            ArrayPool<SymbolRecord>.Shared.Return(records);
        }
    }

    /// <summary>
    /// Verifies the candidates into <paramref name="hits"/> (record ranges, allowlisted ones removed, nested ones folded
    /// into the longest, in order of start) and <paramref name="allowed"/> (the allowlisted words found).
    /// </summary>
    private void Verify(string text, ReadOnlySpan<SymbolRecord> records, ReadOnlySpan<Candidate> candidates, PooledList<Hit> hits, PooledList<Hit> allowed)
    {
        // Locals, not fields: the loop runs once per candidate, which on some texts is once per character.
        var automaton = _compiled.Automaton;
        var (outLink, fail, patterns) = (automaton.OutLink, automaton.Fail, _compiled.Patterns);
        var plainOutputs = _compiled.PlainOutputs;
        var steps = 0;

        // Hits are written into the list's array and counted in a local, not added one by one (an Add reads and writes
        // the count through the list); room for one per candidate left is taken when the array is full.
        var room = Array.Empty<Hit>();
        var written = 0;

        // Whether each hit starts and ends after the one before: then none lies inside another and they are in
        // order, and folding (a pass over every hit) would keep them all as they are.
        var (increasing, lastFirst, lastLast) = (true, -1, -1);
        for (var c = 0; c < candidates.Length; c++)
        {
            var candidate = candidates[c];
            ref readonly var plain = ref plainOutputs.At(candidate.State);
            var matchFirst = candidate.RecordIndex - plain.Length + 1;
            if (plain.Length > 0)
            {
                if (MatchVerifier.IsGapless(records, matchFirst, candidate.RecordIndex))
                {
                    // A plain term of any scope, matched without gaps: a prefix must start a word and a suffix end one.
                    steps++;
                    if (!MatchVerifier.IsGaplessScopeMatch(plain.Scope, records, matchFirst, candidate.RecordIndex))
                    {
                        continue;
                    }

                    var (first, last) = MatchVerifier.WidenToWord(plain.Scope, records, matchFirst, candidate.RecordIndex);
                    steps += matchFirst - first + (last - candidate.RecordIndex);
                    if (written == room.Length)
                    {
                        room = MoreRoom(hits, written, candidates.Length - c);
                    }

                    room[written++] = new Hit(first, last, matchFirst, candidate.RecordIndex, plain.Source);
                    increasing &= first > lastFirst && last > lastLast;
                    (lastFirst, lastLast) = (first, last);
                    continue;
                }

                if (MatchVerifier.CrossesSpaceInsideWord(plain.Script, records, matchFirst, candidate.RecordIndex))
                {
                    // Refused by the full check at its first look at the words around (ㅂ ㅅ in ㅅㅂ ㅅㅂ …, shit s in
                    // ｓｈｉｔ ｓｈｉｔ …).
                    steps++;
                    continue;
                }
            }

            for (var state = outLink[candidate.State]; state >= 0; state = outLink[fail[state]])
            {
                foreach (var id in automaton.PatternsEndingAt(state))
                {
                    var pattern = patterns[id];
                    steps++;
                    if (MatchVerifier.IsMatch(pattern, records, candidate.RecordIndex, text))
                    {
                        var patternFirst = candidate.RecordIndex - pattern.Symbols.Length + 1;
                        var (first, last) = pattern.Scope is MatchScope.Prefix or MatchScope.Suffix
                            ? MatchVerifier.WidenToWord(pattern, records, patternFirst, candidate.RecordIndex)
                            : (patternFirst, candidate.RecordIndex);
                        steps += patternFirst - first + (last - candidate.RecordIndex);
                        var hit = new Hit(first, last, patternFirst, candidate.RecordIndex, pattern.Source);
                        if (pattern.IsAllow)
                        {
                            allowed.Add(hit);
                            continue;
                        }

                        if (written == room.Length)
                        {
                            room = MoreRoom(hits, written, candidates.Length - c);
                        }

                        room[written++] = hit;
                        increasing &= first > lastFirst && last > lastLast;
                        (lastFirst, lastLast) = (first, last);
                    }
                }

                if (state == 0)
                {
                    break;
                }
            }
        }

        hits.SetCount(written);
        WorkMeter.Add(steps);
        if (allowed.Count > 0 && hits.Count > 0)
        {
            // Leaves a subsequence, as increasing as the hits were.
            HitResolver.RemoveAllowlisted(hits, allowed.AsSpan());
        }

        if (!increasing)
        {
            HitResolver.FoldNested(hits, _entries);
        }
    }

    /// <summary>The array of <paramref name="hits"/> with room for <paramref name="more"/> past the <paramref name="written"/> it holds.</summary>
    private static Hit[] MoreRoom(PooledList<Hit> hits, int written, int more)
    {
        hits.SetCount(written);
        return hits.Reserve(more);
    }

    /// <remarks>Past <see cref="ManyDetections"/>, a <see cref="DetectionList"/> keeps them compact and off the large-object heap.</remarks>
    private IReadOnlyList<Detection> ToDetections(string text, SymbolRecord[] records, ReadOnlySpan<Hit> hits, bool firstOnly)
    {
        var count = firstOnly ? 1 : hits.Length;
        return count > ManyDetections ? ToDetectionList(text, records, hits[..count]) : ToList(text, records, hits[..count]);
    }

    private List<Detection> ToList(string text, SymbolRecord[] records, ReadOnlySpan<Hit> hits)
    {
        // Written in place, not added: Add checks the capacity and bumps the version once per detection.
        var listed = new List<Detection>(hits.Length);
        CollectionsMarshal.SetCount(listed, hits.Length);
        var detections = CollectionsMarshal.AsSpan(listed);
        var cursor = new TextElementCursor(text);
        List<string> quotes = [];
        var quoteCache = new QuoteCache(text, quotes);
        for (var i = 0; i < detections.Length; i++)
        {
            var hit = hits[i];
            var (start, end) = cursor.Widen(records[hit.First].Start, records[hit.Last].End);
            var entry = _entries[hit.Source];
            var quote = quoteCache.Quote(start, end, hit.Source, _shortTerms[hit.Source], _entries);
            detections[i] = new Detection(start, end - start, entry.Term, QuoteCache.Text(quote, entry.Term, text, quotes), entry.Lang, entry.Category, entry.Severity);
        }

        return listed;
    }

    /// <remarks>
    /// A loop of its own, not a branch per hit in one shared with <see cref="ToList"/>: it runs once per character of a
    /// text made of hits (<c>ㅅㅂㅅㅂ…</c>) and carries nothing of the short list's.
    /// </remarks>
    private DetectionList ToDetectionList(string text, SymbolRecord[] records, ReadOnlySpan<Hit> hits)
    {
        var compact = new DetectionList(hits.Length, text, _entries);

        // Hits over one run of printable ASCII, compatibility jamo, Han, syllables or full-width forms (ㅅㅂㅅㅂ…):
        // every span is whole elements, found with one vectorised search, not four table loads per hit. The last
        // hit ends furthest: hits come in order of start and each ends past the one before (folded or increasing).
        var (from, to) = (records[hits[0].First].Start, records[hits[^1].Last].End);
        if (TextElementCursor.IsOneBlockRun(text, from, to))
        {
            FillSpans(compact, text, records, hits);
            return compact;
        }

        // Hits inside one text element (ᄉᄇᄉᄇ…, conjoining jamo, is one however long): each widens to it.
        var element = new TextElementCursor(text).Expand(from, records[hits[0].Last].End, out var elements);
        if (elements == 1 && to <= element.End)
        {
            FillSpans(compact, text, records, hits, element.Start, element.End);
            return compact;
        }

        var writer = new EntryWriter(text, _shortTerms);
        var cursor = new TextElementCursor(text);
        var i = 0;

        // The cursor's floor in a local, and whether the cursor still has to be told of the last span (at the floor):
        // most spans are whole elements (TextElementCursor.IsWhole), and the cursor, a struct this loop passes to its
        // walks, lives in memory, which cost a load and a store per field per hit. Quotes that need a call are given
        // after the loop (QuoteTheRest), for the same reason.
        var (floor, behind) = (0, false);
        foreach (var chunk in compact.Chunks)
        {
            foreach (ref var slot in chunk.AsSpan())
            {
                var hit = hits[i++];
                var (start, end) = (records[hit.First].Start, records[hit.Last].End);
                if (TextElementCursor.IsWhole(text, start, end, floor))
                {
                    (floor, behind) = (start, true);
                }
                else
                {
                    if (behind)
                    {
                        cursor.Skip(floor);
                        behind = false;
                    }

                    (start, end) = cursor.WidenPart(start, end);
                    floor = cursor.Floor;
                }

                writer.Write(ref slot, start, end, hit.Source);
            }
        }

        Complete(compact, writer);
        return compact;
    }

    /// <summary>
    /// <see cref="ToDetectionList"/>'s loop for hits whose spans are known without a cursor: whole elements as they
    /// stand, or all inside the one element from <paramref name="elementStart"/> to <paramref name="elementEnd"/>
    /// (when that is not negative). Without the cursor the loop keeps fewer values than there are registers; a text
    /// made of hits (ㅅㅂㅅㅂ…, ᄉᄇᄉᄇ…) runs it once per character.
    /// </summary>
    private void FillSpans(DetectionList compact, string text, SymbolRecord[] records, ReadOnlySpan<Hit> hits, int elementStart = 0, int elementEnd = -1)
    {
        var writer = new EntryWriter(text, _shortTerms);
        var i = 0;
        foreach (var chunk in compact.Chunks)
        {
            foreach (ref var slot in chunk.AsSpan())
            {
                var hit = hits[i++];
                var (start, end) = elementEnd >= 0 ? (elementStart, elementEnd) : (records[hit.First].Start, records[hit.Last].End);
                writer.Write(ref slot, start, end, hit.Source);
            }
        }

        Complete(compact, writer);
    }

    /// <summary>Notes the union the entries make and gives the quotes the loop could not (<see cref="QuoteTheRest"/>).</summary>
    private void Complete(DetectionList compact, EntryWriter writer)
    {
        compact.Union = writer.Union;
        if (writer.QuotesLeft)
        {
            QuoteTheRest(compact, compact.Text);
        }
    }

    /// <summary>
    /// Gives the entries that the detection list's loops left with <see cref="QuoteCache.Unknown"/> their quotes, in
    /// order, as the loops would have: a pass of its own, so that they make no call for it and keep their values in
    /// registers.
    /// </summary>
    private void QuoteTheRest(DetectionList compact, string text)
    {
        var quoteCache = new QuoteCache(text, compact.Quotes);
        foreach (var chunk in compact.Chunks)
        {
            foreach (ref var slot in chunk.AsSpan())
            {
                if (slot.Quote == QuoteCache.Unknown)
                {
                    slot = slot with { Quote = quoteCache.QuoteAny(slot.Start, slot.Start + slot.Length, slot.Source, _entries[slot.Source].Term) };
                }
            }
        }
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
}
