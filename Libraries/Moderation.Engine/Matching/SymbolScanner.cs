using System.Runtime.CompilerServices;
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
    private readonly List<Candidate>? _candidates;
    private int _count;
    private int _state;
    private Gap _gap;

    /// <param name="records">At least <c>text.Length</c> long.</param>
    public SymbolScanner(ReadOnlySpan<char> text, uint[] table, SymbolRecord[] records, AhoCorasickAutomaton? automaton, List<Candidate>? candidates)
    {
        _text = text;
        _table = table;
        _records = records;
        _automaton = automaton;
        _candidates = candidates;
    }

    /// <summary>Scans the whole text and returns how many records it wrote.</summary>
    public int Run()
    {
        var text = _text;
        var table = _table;
        for (var i = 0; i < text.Length; i++)
        {
            var entry = table[text[i]];
            switch (CharEntry.Kind(entry))
            {
                case CharKind.Letter:
                    Emit(entry, i, i + 1);
                    break;
                case CharKind.Space:
                    _gap = Gap.Space;
                    break;
                case CharKind.Separator:
                    _gap |= Gap.Symbol;
                    break;
                case CharKind.Ignorable:
                    break;
                case CharKind.HangulOpen:
                    OnHangulOpen(entry, i);
                    break;
                case CharKind.Leet:
                case CharKind.Star:
                    OnLeetOrStar(entry, i);
                    break;
                case CharKind.Jamo:
                    i = OnJamo(entry, i);
                    break;
                case CharKind.HighSurrogate:
                    i = OnSurrogate(i);
                    break;
            }
        }

        return _count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(uint entry, int start, int end)
    {
        var symbol = (ushort)entry;
        var records = _records;
        if (_gap == Gap.None && _count > 0 && symbol != 0)
        {
            ref var last = ref records[_count - 1];
            if (last.Symbol == symbol)
            {
                last.End = end;
                if (last.Run < byte.MaxValue)
                {
                    last.Run++;
                }

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
                _candidates!.Add(new Candidate(_state, _count - 1));
            }
        }
    }

    /// <summary>An open syllable starting with silent ㅇ that repeats the previous vowel (시<b>이이</b>발) extends it.</summary>
    private void OnHangulOpen(uint entry, int i)
    {
        var c = _text[i];
        var (initial, vowel, _) = Hangul.Decompose(c);
        if (initial == Hangul.SilentInitial && _gap == Gap.None && _count > 0)
        {
            ref var last = ref _records[_count - 1];
            var previous = _text[last.End - 1];
            if (last.End - last.Start == last.Run && Hangul.IsSyllable(previous))
            {
                var (_, previousVowel, previousFinal) = Hangul.Decompose(previous);
                if (previousFinal == 0 && previousVowel == vowel)
                {
                    last.End = i + 1;
                    if (last.Run < byte.MaxValue)
                    {
                        last.Run++;
                    }

                    return;
                }
            }
        }

        Emit(entry, i, i + 1);
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

    private readonly bool LatinLetterFollows(int j)
    {
        while (j < _text.Length)
        {
            var entry = _table[_text[j]];
            switch (CharEntry.Kind(entry))
            {
                case CharKind.Leet or CharKind.Star or CharKind.Ignorable:
                    j++;
                    continue;
                case CharKind.Letter:
                    return CharEntry.Script(entry) == Script.Latin;
                default:
                    return false;
            }
        }

        return false;
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
        if (CharTable.Supplementary.TryGetValue(codePoint, out var latin))
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
