"""The datasets' JSON Lines files and the per-language metrics every report uses."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .lexicon import LANGS  # noqa: F401  (re-exported: the reports' language order)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prf(labels: np.ndarray, flagged: np.ndarray) -> dict:
    tp = int((flagged & (labels == 1)).sum())
    precision = tp / max(int(flagged.sum()), 1)
    recall = tp / max(int((labels == 1).sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The threshold (a multiple of 0.01) with the highest F1; ties go to the higher threshold."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.round(np.arange(0.01, 1.0, 0.01), 2):
        f1 = prf(labels, scores >= threshold)["f1"]
        if f1 >= best_f1:
            best, best_f1 = float(threshold), f1
    return best


def calibrate(rows: list[dict], scores: np.ndarray) -> tuple[dict, dict]:
    """Per-language thresholds tuned on these rows, and the metrics at those thresholds."""
    thresholds, metrics = {}, {}
    for lang in LANGS:
        idx = np.array([i for i, r in enumerate(rows) if r["lang"] == lang])
        labels = np.array([rows[i]["label"] for i in idx])
        thresholds[lang] = best_threshold(labels, scores[idx])
        metrics[lang] = prf(labels, scores[idx] >= thresholds[lang])
    return thresholds, metrics
