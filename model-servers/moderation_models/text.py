"""Text preparation shared by both models.

It follows the lexicon tier's idea of normalisation (Libraries/Moderation.Engine/Normalization):
compatibility forms folded (NFKC: full-width ｆｕｃｋ → fuck), case folded, runs of one
character shortened (fuuuuck → fuuck), and Hangul syllables also spelled as jamo so that
시발, 씨발 and ㅅㅂ share character n-grams.
"""
import re
import unicodedata

_S_BASE = 0xAC00
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

_MENTION = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+")
_NUMERIC_ENTITY = re.compile(r"&#\d+;")
_REPEAT = re.compile(r"(.)\1{2,}")
# One token per Han character (Chinese has no spaces), runs of other letters/digits, single symbols.
_TOKEN = re.compile(r"[\u4e00-\u9fff]|[^\W\u4e00-\u9fff]+|[^\w\s]")


def is_hangul_syllable(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3"


def to_jamo(word: str) -> str:
    """Spells Hangul syllables as compatibility jamo: 시발 → ㅅㅣㅂㅏㄹ."""
    out = []
    for c in word:
        if is_hangul_syllable(c):
            index = ord(c) - _S_BASE
            out.append(_INITIALS[index // 588])
            out.append(_VOWELS[index // 28 % 21])
            if index % 28:
                out.append(_FINALS[index % 28])
        else:
            out.append(c)
    return "".join(out)


def normalise(text: str) -> str:
    """Folds forms and case, replaces mentions, links and HTML entities, shortens repeats."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = _MENTION.sub(" @user ", t)
    t = _URL.sub(" url ", t)
    t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    t = _NUMERIC_ENTITY.sub(" ", t)
    return _REPEAT.sub(r"\1\1", t)


def tokens(text: str) -> list[str]:
    """The normalised text as words, Han characters and symbols, in order."""
    return _TOKEN.findall(normalise(text))


_HAN = re.compile(r"[\u4e00-\u9fff]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def fasttext_line(text: str, hints: list[str], han_runs: bool = True) -> str:
    """fastText's input: the tokens, the jamo spelling of Korean words, with ``han_runs`` each run of two or more
    Han characters as one word too, and the lexicon hint tokens.

    A lone Han character is a word of one letter, which fastText's character n-grams (2-5) cannot look into; as a
    run, 操你妈 also gives 操你, 你妈, <操你 and so on, the sub-word features Chinese otherwise lacks. The
    leave-one-source-out table chose it (README, "Leave-one-source-out")."""
    normalised = normalise(text)
    toks = _TOKEN.findall(normalised)
    toks += [to_jamo(w) for w in toks if any(is_hangul_syllable(c) for c in w)]
    if han_runs:
        toks += _HAN_RUN.findall(normalised)
    toks += hints
    return " ".join(toks)


_EDGE_SYMBOLS = re.compile(r"^[^\w]+|[^\w]+$")


def candidate_words(text: str) -> list[str]:
    """Substrings of the text as written that may be reported as bad words: space-separated
    words without edge punctuation, and pairs of Han characters."""
    out = []
    for chunk in text.split():
        word = _EDGE_SYMBOLS.sub("", chunk)
        if not word:
            continue
        han = _HAN.findall(word)
        if han:
            out += [run[i:i + 2] for run in han for i in range(max(1, len(run) - 1))]
        else:
            out.append(word)
    return out
