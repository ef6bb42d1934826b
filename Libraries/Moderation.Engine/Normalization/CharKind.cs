namespace Moderation.Engine.Normalization;

/// <summary>How the scanner treats one UTF-16 unit. Anything but a letter takes a slower path.</summary>
internal enum CharKind : byte
{
    /// <summary>A letter with a fixed normalised form (most Latin, Han and closed Hangul syllables).</summary>
    Letter = 0,

    /// <summary>
    /// A Hangul syllable of silent ㅇ and a vowel, no final (아, 이, 요): a letter, unless it draws out the vowel
    /// of the syllable before (시<b>이이</b>발). Numbered next to <see cref="Letter"/> so one compare admits both.
    /// </summary>
    HangulVowel = 1,

    /// <summary>Whitespace: skipped inside a match, but remembered as a strong gap.</summary>
    Space = 2,

    /// <summary>Punctuation, symbols, emoji, non-leet digits: skipped inside a match as a weak gap.</summary>
    Separator = 3,

    /// <summary>Zero-width and format characters, combining marks, variation selectors: invisible, not even a gap.</summary>
    Ignorable = 4,

    /// <summary>Digits and symbols that stand for a Latin letter inside a Latin word (<c>sh1t</c>, <c>$hit</c>, <c>a$$</c>).</summary>
    Leet = 5,

    /// <summary><c>*</c>: a masked letter between Latin letters (<c>f*ck</c>), a separator elsewhere.</summary>
    Star = 6,

    /// <summary>A Hangul jamo, composed with its neighbours into a syllable when they spell one.</summary>
    Jamo = 7,


    /// <summary>The first half of a surrogate pair.</summary>
    HighSurrogate = 8,
}

/// <summary>Writing systems the boundary rules distinguish.</summary>
internal enum Script : byte
{
    Other = 0,
    Latin = 1,
    Hangul = 2,
    Han = 3,
}

/// <summary>
/// Packs a character's class into one <see cref="uint"/> so the hot loop does a single table load per character:
/// bits 0–15 the value (a normalised character, or the automaton's symbol id for it), bits 16–17 the script,
/// bits 24–27 the kind.
/// </summary>
internal static class CharEntry
{
    public static uint Pack(CharKind kind, Script script, int value) =>
        ((uint)kind << 24) | ((uint)script << 16) | (uint)(ushort)value;

    public static CharKind Kind(uint entry) => (CharKind)(entry >> 24);

    public static Script Script(uint entry) => (Script)((entry >> 16) & 0x3);

    public static int Value(uint entry) => (int)(entry & 0xFFFF);

    public static uint WithValue(uint entry, int value) => (entry & 0xFFFF_0000) | (uint)(ushort)value;
}
