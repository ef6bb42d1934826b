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


def weighted(rows: list[dict], weights: dict[str, float], seed: int) -> list[dict]:
    """The rows as a model sees them under ``weights`` (a source without a weight is left out), in a seeded order."""
    rng = random.Random(seed)
    out: list[dict] = []
    for row in rows:
        weight = weights.get(row["source"], 0)
        copies = int(weight) + (1 if rng.random() < weight - int(weight) else 0)
        out.extend([row] * copies)
    rng.shuffle(out)
    return out

# The shipped models' weights, chosen by the leave-one-source-out table (loso.py; README, "Quality").
SHIPPED_WEIGHTS = {"kocohub": 1, "2runo_curse": 1, "apeach": 1, "kosbi": 1, "davidson": 1, "convabuse": 1,
                   "stormfront": 1, "toxic_spans": 1, "openai_moderation": 1, "cold": 1, "swsr": 1}
