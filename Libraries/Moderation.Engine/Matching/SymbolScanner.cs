using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>
/// One pass over the text: normalises each character through the table, folds repeats into runs, records each
/// symbol with its span in the original text and, when an automaton is given, steps it and notes the states that
/// end a pattern. Most characters take the <see cref="CharKind.Letter"/> fast path: one table load, one record.
/// </summary>
internal ref struct SymbolScanner
{
    private readonly ReadOnlySpan<char> _text;
    private readonly uint[] _table;
    private readonly SymbolRecord[] _records;
    private readonly AhoCorasickAutomaton? _automaton;
    private readonly PooledList<Candidate>? _candidates;
    private static readonly int[] NoStates = [0];

    /// <summary>
    /// The candidates' array, with room for one per character (a candidate follows a new record, at most one per
    /// character): written without a check, where an Add per candidate read and wrote the list's count through the
    /// list, once per character of a text made of hits (<c>ㅅㅂㅅㅂ…</c>).
    /// </summary>
    private readonly Candidate[] _found;
    private int _foundCount;
    private int _count;
    private int _state;
    private Gap _gap;
    private int _lookaheadStop = -1;
    private bool _lookaheadFoundLatin;

    /// <param name="records">At least <c>text.Length</c> long.</param>
    public SymbolScanner(ReadOnlySpan<char> text, uint[] table, SymbolRecord[] records, AhoCorasickAutomaton? automaton, PooledList<Candidate>? candidates)
    {
        _text = text;
        _table = table;
        _records = records;
        _automaton = automaton;
        _candidates = candidates;
        _found = candidates?.Reserve(text.Length) ?? [];
        _foundCount = candidates?.Count ?? 0;
    }

    /// <summary>Scans the whole text and returns how many records it wrote.</summary>
    /// <remarks>
    /// The letter fast path is written out here with the scanner's state in locals and without bounds checks
    /// (the table covers every UTF-16 unit, records and candidates have room for one per character, and the
    /// automaton pads its arrays so that <c>Base[q] + symbol</c> is always in range): about 10% faster than calling
    /// <see cref="Emit"/> for every letter in the benchmark. Everything else syncs the locals back and takes the
    /// slow path.
    /// </remarks>
    public int Run()
    {
        var text = _text;
        ref var tableRef = ref MemoryMarshal.GetArrayDataReference(_table);
        ref var recordRef = ref MemoryMarshal.GetArrayDataReference(_records);
        var automaton = _automaton;
        var stepping = automaton is not null;
        ref var baseRef = ref MemoryMarshal.GetArrayDataReference(automaton?.Base ?? NoStates);
        ref var checkRef = ref MemoryMarshal.GetArrayDataReference(automaton?.Check ?? NoStates);
        ref var failRef = ref MemoryMarshal.GetArrayDataReference(automaton?.Fail ?? NoStates);
        ref var outRef = ref MemoryMarshal.GetArrayDataReference(automaton?.OutLink ?? NoStates);
        ref var foldRef = ref MemoryMarshal.GetArrayDataReference(CharTable.Base);
        ref var foundRef = ref MemoryMarshal.GetArrayDataReference(_found);

        var count = _count;
        var gap = _gap;
        var state = _state;
        var lastSymbol = -1;
        var found = _foundCount;
        for (var i = 0; i < text.Length; i++)
        {
            var entry = Unsafe.Add(ref tableRef, text[i]);
            var kind = entry >> 24;
            if (kind <= (uint)CharKind.HangulVowel || (kind == (uint)CharKind.Jamo && !VowelJamoFollows(text, ref foldRef, i)))
            {
                var symbol = (int)(ushort)entry;
                if (entry >> 24 == (uint)CharKind.HangulVowel && gap == Gap.None && count > 0
                    && DrawsOutVowel(text, ref Unsafe.Add(ref recordRef, count - 1), i))
                {
                    continue;
                }

                if (symbol == lastSymbol && IsRepeat(symbol, entry, gap))
                {
                    ref var last = ref Unsafe.Add(ref recordRef, count - 1);
                    last.End = i + 1;
                    if (last.Run < byte.MaxValue)
                    {
                        last.Run++;
                    }

                    gap = Gap.None;
                    continue;
                }

                ref var record = ref Unsafe.Add(ref recordRef, count);
                record.Start = i;
                record.End = i + 1;
                record.Symbol = (ushort)symbol;
                record.Run = 1;
                record.GapBefore = gap;
                record.Script = CharEntry.Script(entry);
                gap = Gap.None;
                lastSymbol = symbol;
                count++;
                if (!stepping)
                {
                    continue;
                }

                if (symbol == 0)
                {
                    state = 0;
                    continue;
                }

                while (true)
                {
                    var next = Unsafe.Add(ref baseRef, state) + symbol;
                    if (Unsafe.Add(ref checkRef, next) == state)
                    {
                        state = next;
                        break;
                    }

                    if (state == 0)
                    {
                        break;
                    }

                    state = Unsafe.Add(ref failRef, state);
                }

                if (Unsafe.Add(ref outRef, state) >= 0)
                {
                    Unsafe.Add(ref foundRef, found++) = new Candidate(state, count - 1);
                }

                continue;
            }

            switch (CharEntry.Kind(entry))
            {
                case CharKind.Space:
                    gap = Gap.Space;
                    continue;
                case CharKind.Separator:
                    gap |= Gap.Symbol;
                    continue;
                case CharKind.Ignorable:
                    continue;
            }

            (_count, _gap, _state, _foundCount) = (count, gap, state, found);
            i = SlowPath(entry, i);
            (count, gap, state, found) = (_count, _gap, _state, _foundCount);
            lastSymbol = count > 0 ? _records[count - 1].Symbol : -1;
        }

        (_count, _gap, _state, _foundCount) = (count, gap, state, found);
        _candidates?.SetCount(found);
        return _count;
    }

    private int SlowPath(uint entry, int i)
    {
        switch (CharEntry.Kind(entry))
        {
            case CharKind.Leet:
            case CharKind.Star:
                OnLeetOrStar(entry, i);
                return i;
            case CharKind.Jamo:
                return OnJamo(entry, i);
            case CharKind.HighSurrogate:
                return OnSurrogate(i);
            default:
                return i;
        }
    }

    /// <summary>
    /// Whether the unit after <paramref name="i"/> folds to a vowel jamo. A jamo that no vowel follows is a letter of
    /// its own, as <see cref="OnJamo"/> would emit it, so it takes the fast path: runs of initials (<c>ㅅㅂㅅㅂ…</c>)
    /// scan as fast as syllables.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool VowelJamoFollows(ReadOnlySpan<char> text, ref uint foldRef, int i)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }

        var next = Unsafe.Add(ref foldRef, text[i + 1]);
        return CharEntry.Kind(next) == CharKind.Jamo && Hangul.IsVowelJamo((char)CharEntry.Value(next));
    }

    /// <summary>
    /// Whether a letter equal to the last one extends its run: also across punctuation (<c>a.s.s</c>), never across
    /// whitespace (<c>as soon</c>), and never for Han, where a doubled character is a different word (妈妈 is "mum").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRepeat(int symbol, uint entry, Gap gap) =>
        symbol != 0 && (gap & Gap.Space) == 0 && CharEntry.Script(entry) != Script.Han;

    /// <summary>Appends a symbol (or extends the last run), stepping the automaton: the slow paths' way in.</summary>
    private void Emit(uint entry, int start, int end)
    {
        var symbol = (ushort)entry;
        var records = _records;
        if (IsRepeat(symbol, entry, _gap) && _count > 0)
        {
            ref var last = ref records[_count - 1];
            if (last.Symbol == symbol)
            {
                last.End = end;
                if (last.Run < byte.MaxValue)
                {
                    last.Run++;
                }

                _gap = Gap.None;
                return;
            }
        }

        ref var record = ref records[_count];
        record.Start = start;
        record.End = end;
        record.Symbol = symbol;
        record.Run = 1;
        record.GapBefore = _gap;
        record.Script = CharEntry.Script(entry);
        _gap = Gap.None;
        _count++;

        if (_automaton is { } automaton)
        {
            _state = automaton.Step(_state, symbol);
            if (automaton.OutLink[_state] >= 0)
            {
                _found[_foundCount++] = new Candidate(_state, _count - 1);
            }
        }
    }

    /// <summary>
    /// Extends <paramref name="last"/> when the syllable at <paramref name="i"/> (silent ㅇ + vowel) repeats its
    /// vowel: 시<b>이이</b>발 is 시발 drawn out. Only for a record of whole single syllables without a final.
    /// </summary>
    private static bool DrawsOutVowel(ReadOnlySpan<char> text, ref SymbolRecord last, int i)
    {
        var previous = text[last.End - 1];
        if (last.End - last.Start != last.Run || !Hangul.IsSyllable(previous))
        {
            return false;
        }

        var (_, previousVowel, previousFinal) = Hangul.Decompose(previous);
        if (previousFinal != 0 || previousVowel != Hangul.Decompose(text[i]).Vowel)
        {
            return false;
        }

        last.End = i + 1;
        if (last.Run < byte.MaxValue)
        {
            last.Run++;
        }

        return true;
    }

    /// <summary>
    /// A leet character is a letter inside a Latin word: after a Latin letter (<c>a$$</c>) or before one
    /// (<c>$hit</c>); <c>!</c> only before one, so <c>ass!</c> stays a word and an exclamation. A star is a letter
    /// only between Latin letters (<c>f*ck</c>). Anywhere else both are separators (<c>시1발</c>, <c>$100</c>).
    /// </summary>
    private void OnLeetOrStar(uint entry, int i)
    {
        var afterLatin = _gap == Gap.None && _count > 0 && _records[_count - 1].Script == Script.Latin;
        var beforeLatin = LatinLetterFollows(i + 1);
        var isLetter = CharEntry.Kind(entry) == CharKind.Star || _text[i] is '!' or '¡'
            ? beforeLatin && (afterLatin || CharEntry.Kind(entry) != CharKind.Star)
            : afterLatin || beforeLatin;
        if (isLetter)
        {
            Emit(entry, i, i + 1);
        }
        else
        {
            _gap |= Gap.Symbol;
        }
    }

    /// <summary>
    /// Whether a Latin letter follows at <paramref name="j"/>, past leet, star and invisible characters. The answer
    /// holds for every position up to where the last look-ahead stopped, so a run of them (<c>$$$$…</c>, <c>1111…</c>)
    /// is looked through once, not once per character.
    /// </summary>
    private bool LatinLetterFollows(int j)
    {
        if (j <= _lookaheadStop)
        {
            return _lookaheadFoundLatin;
        }

        var from = j;
        _lookaheadFoundLatin = false;
        while (j < _text.Length)
        {
            var entry = _table[_text[j]];
            var kind = CharEntry.Kind(entry);
            if (kind is not (CharKind.Leet or CharKind.Star or CharKind.Ignorable))
            {
                _lookaheadFoundLatin = kind == CharKind.Letter && CharEntry.Script(entry) == Script.Latin;
                break;
            }

            j++;
        }

        _lookaheadStop = j;
        WorkMeter.Add(j - from);
        return _lookaheadFoundLatin;
    }

    /// <summary>Composes jamo spelled out one by one (<c>ㅅㅣㅂㅏㄹ</c> → 시발) the way a Korean IME does; a lone jamo stays itself.</summary>
    private int OnJamo(uint entry, int i)
    {
        var baseTable = CharTable.Base;
        var first = (char)CharEntry.Value(baseTable[_text[i]]);
        var initial = Hangul.InitialIndex(first);
        var vowelChar = JamoAt(i + 1);
        if (initial < 0 || !Hangul.IsVowelJamo(vowelChar))
        {
            Emit(entry, i, i + 1);
            return i;
        }

        var next = i + 2;
        if (Hangul.TryCombineVowels(vowelChar, JamoAt(next), out var compoundVowel))
        {
            vowelChar = compoundVowel;
            next++;
        }

        var final = 0;
        var finalChar = JamoAt(next);
        if (Hangul.IsConsonantJamo(finalChar) && !Hangul.IsVowelJamo(JamoAt(next + 1)))
        {
            if (Hangul.TryCombineFinals(finalChar, JamoAt(next + 1), out var compoundFinal) && !Hangul.IsVowelJamo(JamoAt(next + 2)))
            {
                finalChar = compoundFinal;
                next++;
            }

            final = Math.Max(0, Hangul.FinalIndex(finalChar));
            if (final > 0)
            {
                next++;
            }
        }

        var syllable = Hangul.Compose(initial, Hangul.VowelIndex(vowelChar), final);
        Emit(_table[syllable], i, next);
        return next - 1;
    }

    private readonly char JamoAt(int j)
    {
        if (j >= _text.Length)
        {
            return '\0';
        }

        var entry = CharTable.Base[_text[j]];
        return CharEntry.Kind(entry) == CharKind.Jamo ? (char)CharEntry.Value(entry) : '\0';
    }

    /// <summary>Supplementary-plane letters: Latin look-alikes fold to their letter, other letters (CJK Ext. B) break words, emoji separate.</summary>
    private int OnSurrogate(int i)
    {
        if (i + 1 >= _text.Length || !char.IsLowSurrogate(_text[i + 1]))
        {
            _gap |= Gap.Symbol;
            return i;
        }

        var codePoint = char.ConvertToUtf32(_text[i], _text[i + 1]);
        if (CharTable.TryFoldSupplementary(codePoint, out var latin))
        {
            Emit(_table[latin], i, i + 2);
        }
        else if (System.Text.Rune.IsLetter(new System.Text.Rune(codePoint)))
        {
            Emit(CharEntry.Pack(CharKind.Letter, Script.Other, 0), i, i + 2);
        }
        else
        {
            _gap |= Gap.Symbol;
        }

        return i + 1;
    }
}
