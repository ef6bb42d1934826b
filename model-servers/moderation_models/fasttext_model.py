"""A supervised fastText classifier over words, character n-grams, jamo spellings and lexicon hints."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import fasttext

from .lexicon import LexiconHints
from .text import candidate_words, fasttext_line

fasttext.FastText.eprint = lambda *args, **kwargs: None  # silence the load_model warning on stderr


@dataclass(frozen=True)
class FastTextConfig:
    lr: float = 0.02
    epoch: int = 30
    word_ngrams: int = 2
    minn: int = 2
    maxn: int = 5
    dim: int = 50
    bucket: int = 200_000
    # Quantisation keeps the committed file small (see the model card for its cost in F1).
    cutoff: int = 100_000



def train(texts: list[str], labels: list[int], hints: LexiconHints, config: FastTextConfig, seed: int):
    return train_lines([fasttext_line(t, hints.hint_tokens(t)) for t in texts], labels, config, seed)


def train_lines(lines: list[str], labels: list[int], config: FastTextConfig, seed: int, threads: int = 1):
    """Trains on prepared input lines (:func:`fasttext_line`). One thread for a shipped model: fastText's Hogwild
    updates are only reproducible single-threaded."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for line, label in zip(lines, labels):
            f.write(f"__label__{label} {line}\n")
        path = f.name
    try:
        model = fasttext.train_supervised(
            path, lr=config.lr, epoch=config.epoch, wordNgrams=config.word_ngrams, minn=config.minn,
            maxn=config.maxn, dim=config.dim, bucket=config.bucket, thread=threads, seed=seed, verbose=0)
        model.quantize(input=path, qnorm=True, retrain=False, cutoff=config.cutoff)
        return model
    finally:
        Path(path).unlink()


def toxic_probability(model, line: str) -> float:
    labels, probs = model.predict(line, k=2)
    return float(dict(zip(labels, probs)).get("__label__1", 0.0))


class FastTextClassifier:
    """A trained model loaded for serving: texts in, toxic probabilities and the words behind them out."""

    def __init__(self, folder: Path, word_threshold: float = 0.5):
        self.model = fasttext.load_model(str(folder / "model.ftz"))
        self.hints = LexiconHints.load(folder / "lexicon.tsv")
        self.word_threshold = word_threshold

    def _score(self, text: str) -> float:
        return toxic_probability(self.model, fasttext_line(text, self.hints.hint_tokens(text)))

    def predict(self, texts: list[str]) -> list[float]:
        return [self._score(t) for t in texts]

    def attribute(self, text: str, p_text: float) -> list[str]:
        """Words, as the text spells them, that push the score up: toxic on their own, and the text
        scores lower without them. Chinese has no spaces, so its candidates are character pairs."""
        found: list[str] = []
        for word in candidate_words(text):
            if word in found or self._score(word) < self.word_threshold:
                continue
            if self._score(text.replace(word, " ")) < p_text:
                found.append(word)
        return found

    def predict_with_words(self, texts: list[str]) -> list[tuple[float, list[str]]]:
        out = []
        for text, p in zip(texts, self.predict(texts)):
            out.append((p, self.attribute(text, p) if p >= self.word_threshold else []))
        return out
