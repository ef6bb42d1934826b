"""Lexicon hints: which categories of the lexicon tier's word lists a text mentions.

The models see these as extra tokens (``__lex_insult__`` …) so that a rare slur the training data
barely shows still counts. The matching here is deliberately simple (whole words, prefixes,
suffixes, substrings after light normalisation: traditional Chinese folded to simplified, and
separators between letters dropped, so 傻_逼, 他媽的 and 시.발 hint like 傻逼, 他妈的 and 시발); the
evasion-proof matching stays in the .NET engine. Each trained model keeps the snapshot of the word lists it was trained with, so a model
directory is self-contained and serving gives the same features as training.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

LANGS = ("ko", "en", "zh")
_LATIN_TERM = re.compile(r"[a-z][a-z '\-]*")
_WORD = re.compile(r"[a-z0-9@$!']+")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "!": "i"})
_REPEAT = re.compile(r"(.)\1{2,}")
_DOUBLE = re.compile(r"(.)\1")
_SPACE = re.compile(r"\s+")
# What may be put between the letters of a word to split it: spaces, dots, dashes, stars, bars, underscores and
# invisible marks; not commas or sentence ends (。！？), which end a clause rather than split a word.
_SEPARATORS = re.compile(r"[\s_.\-*|/\\~+=^·•'\"`:;\u200b-\u200f\u2060\ufeff]+")


def _entries(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([field.strip() for field in line.split("|")])
    return rows


class LexiconHints:
    """Terms as (term, category, scope) and allowlisted words, from a snapshot file."""

    def __init__(self, terms: list[tuple[str, str, str]], allow: list[str], fold: dict[str, str] | None = None):
        self.terms = terms
        # Traditional -> simplified characters (the engine's zh-hant.txt), since zh.txt is written in simplified.
        self.fold = dict(fold or {})
        self._fold_table = str.maketrans(self.fold)
        # Longest first so that an allowlisted word is removed before a shorter one inside it.
        self.allow = sorted(set(allow), key=lambda a: (-len(a), a))  # and in a fixed order, so snapshots diff cleanly
        # Indexed by scope so that a text costs a few set lookups per word and one regex scan.
        self._word: dict[str, str] = {}
        self._prefix: dict[str, str] = {}
        self._suffix: dict[str, str] = {}
        self._phrases: list[tuple[str, str]] = []
        self._sub: dict[str, str] = {}
        for term, category, scope in terms:
            if scope == "sub":
                self._sub.setdefault(term.replace(" ", ""), category)
            elif " " in term:
                self._phrases.append((f" {term} ", category))
            else:
                {"prefix": self._prefix, "suffix": self._suffix}.get(scope, self._word).setdefault(term, category)
        alternation = "|".join(re.escape(t) for t in sorted(self._sub, key=len, reverse=True))
        self._sub_pattern = re.compile(alternation) if alternation else None
        self._allow_pattern = re.compile("|".join(re.escape(a) for a in self.allow)) if self.allow else None

    @classmethod
    def from_engine_lexicons(cls, folder: Path) -> "LexiconHints":
        """Reads the engine's ``{lang}.txt`` and ``{lang}.allow.txt`` files."""
        terms, allow = [], []
        for lang in LANGS:
            for fields in _entries(folder / f"{lang}.txt"):
                term = fields[0].lower()
                default_scope = "word" if _LATIN_TERM.fullmatch(term) else "sub"
                scope = fields[3] if len(fields) > 3 else default_scope
                terms.append((term, fields[1], scope))
            allow += [fields[0].lower() for fields in _entries(folder / f"{lang}.allow.txt")]
        fold = {}
        for line in (folder / "zh-hant.txt").read_text(encoding="utf-8").splitlines():
            pair = line.split("#", 1)[0].split()
            if len(pair) == 2:
                fold[pair[0]] = pair[1]
        return cls(terms, allow, fold)

    @classmethod
    def load(cls, path: Path) -> "LexiconHints":
        terms, allow, fold = [], [], {}
        for line in path.read_text(encoding="utf-8").splitlines():
            kind, *fields = line.split("\t")
            if kind == "term":
                terms.append((fields[0], fields[1], fields[2]))
            elif kind == "allow":
                allow.append(fields[0])
            elif kind == "fold":
                fold[fields[0]] = fields[1]
        return cls(terms, allow, fold)

    def save(self, path: Path) -> None:
        lines = [f"term\t{t}\t{c}\t{s}" for t, c, s in self.terms] + [f"allow\t{a}" for a in self.allow]
        lines += [f"fold\t{t}\t{s}" for t, s in sorted(self.fold.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def categories(self, text: str) -> list[str]:
        """The sorted categories of the terms the text mentions."""
        t = unicodedata.normalize("NFKC", text).lower().translate(self._fold_table)
        if self._allow_pattern is not None:
            t = self._allow_pattern.sub(" ", t)
        words = [_REPEAT.sub(r"\1\1", w.translate(_LEET).strip("'")) for w in _WORD.findall(t)]
        # Both spellings of a doubled letter: "shiit" is "shit", "ass" stays "ass".
        words += [single for w in words if (single := _DOUBLE.sub(r"\1", w)) != w]
        found = set()
        for w in words:
            if w in self._word:
                found.add(self._word[w])
            for end in range(1, len(w) + 1):
                if w[:end] in self._prefix:
                    found.add(self._prefix[w[:end]])
                if w[-end:] in self._suffix:
                    found.add(self._suffix[w[-end:]])
        if self._phrases:
            joined = " " + " ".join(words) + " "
            found.update(category for phrase, category in self._phrases if phrase in joined)
        if self._sub_pattern is not None:
            for squeezed in {_SPACE.sub("", t), _SEPARATORS.sub("", t)}:
                found.update(self._sub[m] for m in self._sub_pattern.findall(squeezed))
        return sorted(found)

    def hint_tokens(self, text: str) -> list[str]:
        found = self.categories(text)
        return (["__lex__"] + [f"__lex_{c}__" for c in found]) if found else []
