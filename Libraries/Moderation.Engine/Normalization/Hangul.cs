namespace Moderation.Engine.Normalization;

/// <summary>Hangul arithmetic: syllables, jamo, composition, and the 2-set (Dubeolsik) keyboard layout.</summary>
internal static class Hangul
{
    public const char FirstSyllable = '\uAC00';
    public const char LastSyllable = '\uD7A3';
    public const int SilentInitial = 11; // ㅇ

    // Compatibility jamo (U+3131…) in the order the syllable formula numbers them.
    private const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private const string Vowels = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private const string Finals = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    // Jamo typed as two keys: compound vowels and compound finals.
    private static readonly Dictionary<(char, char), char> CompoundVowels = new()
    {
        [('ㅗ', 'ㅏ')] = 'ㅘ',
        [('ㅗ', 'ㅐ')] = 'ㅙ',
        [('ㅗ', 'ㅣ')] = 'ㅚ',
        [('ㅜ', 'ㅓ')] = 'ㅝ',
        [('ㅜ', 'ㅔ')] = 'ㅞ',
        [('ㅜ', 'ㅣ')] = 'ㅟ',
        [('ㅡ', 'ㅣ')] = 'ㅢ',
    };

    private static readonly Dictionary<(char, char), char> CompoundFinals = new()
    {
        [('ㄱ', 'ㅅ')] = 'ㄳ',
        [('ㄴ', 'ㅈ')] = 'ㄵ',
        [('ㄴ', 'ㅎ')] = 'ㄶ',
        [('ㄹ', 'ㄱ')] = 'ㄺ',
        [('ㄹ', 'ㅁ')] = 'ㄻ',
        [('ㄹ', 'ㅂ')] = 'ㄼ',
        [('ㄹ', 'ㅅ')] = 'ㄽ',
        [('ㄹ', 'ㅌ')] = 'ㄾ',
        [('ㄹ', 'ㅍ')] = 'ㄿ',
        [('ㄹ', 'ㅎ')] = 'ㅀ',
        [('ㅂ', 'ㅅ')] = 'ㅄ',
    };

    // The 2-set layout: which key types each jamo (upper case = with Shift).
    private const string KeyJamo = "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ";
    private const string KeyLatin = "qwertyuiopasdfghjklzxcvbnmQWERTOP";

    // Vowels that chat spells for one another (씨발 씌발 쒸발, 새끼 섀끼 쉐끼, 발 뱔 봘), and initials that differ
    // only in tension or aspiration (끼 키, 발 빨 팔).
    private static readonly string[] VowelClasses = ["ㅐㅔㅒㅖㅙㅞㅚ", "ㅣㅢㅟ", "ㅏㅑㅘ", "ㅓㅕㅝ", "ㅗㅛ", "ㅜㅠ"];
    private static readonly string[] InitialClasses = ["ㄱㄲㅋ", "ㄷㄸㅌ", "ㅂㅃㅍ", "ㅅㅆ", "ㅈㅉㅊ"];

    public static bool IsSyllable(char c) => c is >= FirstSyllable and <= LastSyllable;

    public static bool IsCompatibilityJamo(char c) => c is >= '\u3131' and <= '\u3163';

    public static bool IsVowelJamo(char c) => c is >= '\u314F' and <= '\u3163';

    public static bool IsConsonantJamo(char c) => c is >= '\u3131' and <= '\u314E';

    public static int InitialIndex(char jamo) => Initials.IndexOf(jamo, StringComparison.Ordinal);

    public static int VowelIndex(char jamo) => Vowels.IndexOf(jamo, StringComparison.Ordinal);

    public static int FinalIndex(char jamo) => jamo == '\0' ? 0 : Finals.IndexOf(jamo, 1);

    public static char Compose(int initial, int vowel, int final) => (char)(FirstSyllable + (((initial * 21) + vowel) * 28) + final);

    public static (int Initial, int Vowel, int Final) Decompose(char syllable)
    {
        var index = syllable - FirstSyllable;
        return (index / (21 * 28), index / 28 % 21, index % 28);
    }

    /// <summary>The other vowels of <paramref name="vowel"/>'s confusable class (indices), or none.</summary>
    public static IEnumerable<int> ConfusableVowels(int vowel) => Others(VowelClasses, Vowels[vowel], Vowels);

    /// <summary>The initials that differ from <paramref name="initial"/> only in tension or aspiration (indices), or none.</summary>
    public static IEnumerable<int> ConfusableInitials(int initial) => Others(InitialClasses, Initials[initial], Initials);

    /// <summary>Whether <paramref name="initial"/> is the plain (lax) one of its class: ㄱ ㄷ ㅂ ㅅ ㅈ.</summary>
    public static bool IsLaxInitial(int initial) => Initials[initial] is 'ㄱ' or 'ㄷ' or 'ㅂ' or 'ㅅ' or 'ㅈ';

    /// <summary>Whether <paramref name="initial"/> is a tensed consonant: ㄲ ㄸ ㅃ ㅆ ㅉ.</summary>
    public static bool IsTenseInitial(int initial) => Initials[initial] is 'ㄲ' or 'ㄸ' or 'ㅃ' or 'ㅆ' or 'ㅉ';

    /// <summary>
    /// The final that doubles <paramref name="nextInitial"/> across a syllable boundary (씨발 → 씹발, 새끼 → 색끼,
    /// 지랄 → 질랄), as index into the finals, or 0 where there is none (ㅇ, ㅎ).
    /// </summary>
    public static int GeminateFinal(int nextInitial) => Initials[nextInitial] switch
    {
        'ㄱ' or 'ㄲ' or 'ㅋ' => FinalIndex('ㄱ'),
        'ㅂ' or 'ㅃ' or 'ㅍ' => FinalIndex('ㅂ'),
        'ㄷ' or 'ㄸ' or 'ㅌ' or 'ㅅ' or 'ㅆ' or 'ㅈ' or 'ㅉ' or 'ㅊ' => FinalIndex('ㅅ'),
        'ㄴ' => FinalIndex('ㄴ'),
        'ㄹ' => FinalIndex('ㄹ'),
        'ㅁ' => FinalIndex('ㅁ'),
        _ => 0,
    };

    /// <summary>The initial consonant of <paramref name="syllable"/> as a compatibility jamo (병 → ㅂ).</summary>
    public static char InitialJamo(char syllable) => Initials[Decompose(syllable).Initial];

    private static IEnumerable<int> Others(string[] classes, char jamo, string order)
    {
        foreach (var members in classes)
        {
            if (members.Contains(jamo, StringComparison.Ordinal))
            {
                return members.Where(m => m != jamo).Select(m => order.IndexOf(m, StringComparison.Ordinal));
            }
        }

        return [];
    }

    public static bool TryCombineVowels(char first, char second, out char combined) =>
        CompoundVowels.TryGetValue((first, second), out combined);

    public static bool TryCombineFinals(char first, char second, out char combined) =>
        CompoundFinals.TryGetValue((first, second), out combined);

    /// <summary>Maps a conjoining jamo (U+1100 block, as in NFD text) to its compatibility form, or returns '\0'.</summary>
    public static char ToCompatibility(char conjoining) => conjoining switch
    {
        >= '\u1100' and <= '\u1112' => Initials[conjoining - '\u1100'],
        >= '\u1161' and <= '\u1175' => Vowels[conjoining - '\u1161'],
        >= '\u11A8' and <= '\u11C2' => Finals[conjoining - '\u11A8' + 1],
        _ => '\0',
    };

    /// <summary>
    /// What a user who forgot to switch input language types for <paramref name="hangul"/> (<c>시발</c> → <c>tlqkf</c>),
    /// or null when it contains anything but complete syllables.
    /// </summary>
    public static string? ToKeyboardLatin(string hangul)
    {
        var keys = new System.Text.StringBuilder();
        foreach (var c in hangul)
        {
            if (!IsSyllable(c))
            {
                return null;
            }

            var (initial, vowel, final) = Decompose(c);
            AppendKeys(keys, Initials[initial]);
            AppendKeys(keys, Vowels[vowel]);
            if (final != 0)
            {
                AppendKeys(keys, Finals[final]);
            }
        }

        return keys.ToString();
    }

    private static void AppendKeys(System.Text.StringBuilder keys, char jamo)
    {
        var key = KeyJamo.IndexOf(jamo, StringComparison.Ordinal);
        if (key >= 0)
        {
            keys.Append(KeyLatin[key]);
            return;
        }

        // A compound jamo is typed as its two parts.
        foreach (var (parts, compound) in CompoundVowels.Concat(CompoundFinals))
        {
            if (compound == jamo)
            {
                AppendKeys(keys, parts.Item1);
                AppendKeys(keys, parts.Item2);
                return;
            }
        }
    }
}
