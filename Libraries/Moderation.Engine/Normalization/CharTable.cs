using System.Globalization;
using System.Text;

namespace Moderation.Engine.Normalization;

/// <summary>
/// The per-character normalisation table for the whole BMP, built once: case folding, NFKC (full-width,
/// compatibility and circled forms), diacritics stripped from Latin letters, homoglyphs, leetspeak candidates,
/// zero-width characters, jamo and Hangul syllable classes. Values are normalised characters; an engine copies
/// the table and swaps each value for its automaton symbol id.
/// </summary>
internal static class CharTable
{
    private static readonly Lazy<uint[]> BaseTable = new(Build);
    private static readonly Lazy<Dictionary<int, char>> SupplementaryTable = new(BuildSupplementary);

    /// <summary>The table indexed by UTF-16 unit.</summary>
    public static uint[] Base => BaseTable.Value;

    /// <summary>Where the look-alikes of <see cref="BuildSupplementary"/> lie: emoji (U+1F300 on) and flags (U+1F1E6 on) lie past them.</summary>
    private const int FirstLookAlike = 0x1D400;

    private const int LastLookAlike = 0x1F189;

    /// <summary>
    /// The Latin letter a supplementary-plane look-alike (𝐟𝐮𝐜𝐤, 🅵🆄🅲🅺) stands for. Code points outside their two
    /// blocks are answered by a compare, not a lookup: emoji are most of the supplementary characters in chat.
    /// </summary>
    public static bool TryFoldSupplementary(int codePoint, out char latin)
    {
        latin = '\0';
        return codePoint is >= FirstLookAlike and <= LastLookAlike && SupplementaryTable.Value.TryGetValue(codePoint, out latin);
    }

    /// <summary>The Latin letter a leet character stands for.</summary>
    public static char LeetLetter(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' or '¡' => 'i',
        '3' or '€' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        '9' => 'g',
        '|' => 'l',
        '¢' => 'c',
        _ => '\0',
    };

    public static Script ScriptOf(char normalised) => normalised switch
    {
        (>= 'a' and <= 'z') or '*' => Script.Latin,
        (>= '\uAC00' and <= '\uD7A3') or (>= '\u3131' and <= '\u318E') => Script.Hangul,
        (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') => Script.Han,
        _ => Script.Other,
    };

    private static uint[] Build()
    {
        var table = new uint[65536];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = Classify((char)i);
        }

        return table;
    }

    private static uint Classify(char c)
    {
        if (char.IsHighSurrogate(c))
        {
            return CharEntry.Pack(CharKind.HighSurrogate, Script.Other, 0);
        }

        if (char.IsLowSurrogate(c))
        {
            return CharEntry.Pack(CharKind.Separator, Script.Other, 0);
        }

        if (Hangul.IsSyllable(c))
        {
            var (initial, _, final) = Hangul.Decompose(c);
            var vowelOnly = initial == Hangul.SilentInitial && final == 0;
            return CharEntry.Pack(vowelOnly ? CharKind.HangulVowel : CharKind.Letter, Script.Hangul, c);
        }

        if (c == '*')
        {
            return CharEntry.Pack(CharKind.Star, Script.Latin, '*');
        }

        if (char.IsWhiteSpace(c))
        {
            return CharEntry.Pack(CharKind.Space, Script.Other, 0);
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category == UnicodeCategory.OtherNotAssigned)
        {
            // Unassigned code points and noncharacters (U+FFFF) cannot be normalised; they only separate.
            return CharEntry.Pack(CharKind.Separator, Script.Other, 0);
        }

        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            || c is '\u3164' or '\u115F' or '\u1160' or '\uFFA0' || c is >= '\uFE00' and <= '\uFE0F')
        {
            // Hangul fillers and variation selectors are invisible too.
            return CharEntry.Pack(CharKind.Ignorable, Script.Other, 0);
        }

        var folded = Fold(c);
        if (Hangul.IsCompatibilityJamo(folded))
        {
            return CharEntry.Pack(CharKind.Jamo, Script.Hangul, folded);
        }

        if (LeetLetter(folded) != '\0')
        {
            return CharEntry.Pack(CharKind.Leet, Script.Latin, LeetLetter(folded));
        }

        if (folded == '*')
        {
            return CharEntry.Pack(CharKind.Star, Script.Latin, '*');
        }

        if (char.IsLetter(folded) && category != UnicodeCategory.Control)
        {
            return CharEntry.Pack(CharKind.Letter, ScriptOf(folded), folded);
        }

        return CharEntry.Pack(CharKind.Separator, Script.Other, 0);
    }

    /// <summary>Folds one character to its canonical form: homoglyph, NFKC, lower case, Latin diacritics removed.</summary>
    private static char Fold(char c)
    {
        if (Homoglyphs.TryFold(c, out var latin))
        {
            return latin;
        }

        var compat = Hangul.ToCompatibility(c);
        if (compat != '\0')
        {
            return compat;
        }

        var text = c.ToString();
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            var nfkc = text.Normalize(NormalizationForm.FormKC);
            if (nfkc.Length != 1)
            {
                return c;
            }

            c = nfkc[0];
            compat = Hangul.ToCompatibility(c); // half-width jamo become conjoining jamo under NFKC
            if (compat != '\0')
            {
                return compat;
            }

            if (Homoglyphs.TryFold(c, out latin))
            {
                return latin;
            }
        }

        c = char.ToLowerInvariant(c);
        if (Homoglyphs.TryFold(c, out latin))
        {
            return latin;
        }

        // é → e, ü → u: decompose and keep the base letter when it is Latin.
        if (c > '\u007F' && c < '\u0250')
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            if (decomposed[0] is >= 'a' and <= 'z')
            {
                return decomposed[0];
            }
        }

        return c;
    }

    private static Dictionary<int, char> BuildSupplementary()
    {
        var map = new Dictionary<int, char>();
        void AddRange(int first, int last)
        {
            for (var cp = first; cp <= last; cp++)
            {
                if (!Rune.IsValid(cp))
                {
                    continue;
                }

                var nfkc = char.ConvertFromUtf32(cp).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
                if (nfkc.Length == 1 && nfkc[0] is >= 'a' and <= 'z')
                {
                    map[cp] = nfkc[0];
                }
            }
        }

        AddRange(FirstLookAlike, 0x1D7FF); // mathematical alphanumerics: 𝐟𝐮𝐜𝐤, 𝔣𝔲𝔠𝔨
        AddRange(0x1F130, LastLookAlike); // squared and negative squared letters: 🄵🅄🄲🄺
        // Negative circled and negative squared capitals have no NFKC mapping; their order follows A–Z.
        for (var i = 0; i < 26; i++)
        {
            map[0x1F150 + i] = (char)('a' + i);
            map[0x1F170 + i] = (char)('a' + i);
        }

        return map;
    }
}
