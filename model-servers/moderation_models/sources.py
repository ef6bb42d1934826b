"""The training data by source: which files hold which sources, and per-source weights.

A weight multiplies how often a source's items are shown to a model: 0 leaves the source out, 1 keeps it as
it is, 0.5 keeps a seeded half of it, 2 shows every item twice. Which sources help, and how much, is chosen by
the leave-one-source-out table (loso.py), not by dev alone.
"""
from __future__ import annotations

import random
from pathlib import Path

from .evaluation import read_jsonl

# Every source in ../shared/datasets and its language (SOURCES.md has the licences and caveats).
SOURCES = {
    "kocohub": "ko", "2runo_curse": "ko", "apeach": "ko", "kosbi": "ko",
    "davidson": "en", "convabuse": "en", "stormfront": "en", "toxic_spans": "en", "openai_moderation": "en",
    "cold": "zh", "swsr": "zh",
}

# What the committed models were trained on before the extra data (issue #6): the base files only.
BASE_WEIGHTS = {"kocohub": 1, "2runo_curse": 1, "davidson": 1, "convabuse": 1, "cold": 1, "swsr": 1}


def read_split(data: Path, split: str, extra: bool = True) -> list[dict]:
    """``train`` or ``dev`` rows of the base files and, with ``extra``, of ``extra/``."""
    rows = read_jsonl(data / f"{split}.jsonl")
    if extra and (data / "extra" / f"{split}.jsonl").exists():
        rows += read_jsonl(data / "extra" / f"{split}.jsonl")
    return rows


def weighted(rows: list[dict], weights: dict[str, float], seed: int, balanced: frozenset[str] = frozenset()) -> list[dict]:
    """The rows as a model sees them under ``weights`` (a source without a weight is left out), in a seeded order.

    In a ``balanced`` source, abusive and clean items weigh half the source each, whatever their counts, so that a
    source's own base rate (COLD is half abusive, SWSR a third) is not learnt as a property of the language."""
    share = _label_shares(rows, balanced)
    rng = random.Random(seed)
    out: list[dict] = []
    for row in rows:
        weight = weights.get(row["source"], 0) * (share[row["source"], row["label"]] if row["source"] in balanced else 1)
        copies = int(weight) + (1 if rng.random() < weight - int(weight) else 0)
        out.extend([row] * copies)
    rng.shuffle(out)
    return out

def _label_shares(rows: list[dict], balanced: frozenset[str]) -> dict[tuple[str, int], float]:
    """For each label of each balanced source, the factor that gives it half the source's weight."""
    counts: dict[tuple[str, int], int] = {}
    for row in rows:
        if row["source"] in balanced:
            counts[row["source"], row["label"]] = counts.get((row["source"], row["label"]), 0) + 1
    totals: dict[str, int] = {}
    for (source, _), n in counts.items():
        totals[source] = totals.get(source, 0) + n
    return {(source, label): totals[source] / (2 * n) for (source, label), n in counts.items()}


# The shipped models' weights, chosen by the leave-one-source-out table (loso.py; README, "Quality").
SHIPPED_WEIGHTS = {"kocohub": 1, "2runo_curse": 1, "apeach": 1, "kosbi": 1, "davidson": 1, "convabuse": 1,
                   "stormfront": 1, "toxic_spans": 1, "openai_moderation": 1, "cold": 1, "swsr": 1}
# Sources whose labels are balanced when the shipped fastText trains (Chinese only: the table tried it there).
SHIPPED_BALANCED = frozenset({"cold", "swsr"})
