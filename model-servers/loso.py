"""Leave-one-source-out: how the fastText model generalises to a source it never saw.

    /usr/bin/python3 model-servers/loso.py                          # every candidate, fastText table on stdout
    /usr/bin/python3 model-servers/loso.py --scores scores.jsonl    # also every score, for the quality command

For each language and each of its sources S, a model is trained on the language's training rows without S
(weighted as the candidate says) and scores every item of S (train and dev: it saw none of them) and the dev
items of the language's other sources. The threshold is the F1 optimum on those other dev items, as the
shipped model's threshold is chosen on dev, and the table reports S's precision, recall, F1 and
false-positive rate at it. `dotnet run --project Quality -- --loso` runs this with --scores and adds the
lexicon tier and the combiner (fitted on the other sources' dev items) to the same table.

One model per language stands in for the shipped multilingual model (the languages share almost no
tokens), so that the 11 trainings per candidate take minutes, not an hour.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from moderation_models import fasttext_model  # noqa: E402
from moderation_models.evaluation import LANGS, best_threshold  # noqa: E402
from moderation_models.lexicon import LexiconHints  # noqa: E402
from moderation_models.sources import (BASE_WEIGHTS, SHIPPED_BALANCED, SHIPPED_WEIGHTS, SOURCES,  # noqa: E402
                                       read_split, weighted)
from moderation_models.text import fasttext_line  # noqa: E402

SEED = 20261201
LEXICONS = HERE.parent / "Libraries" / "Moderation.Engine" / "Lexicons"


@dataclass(frozen=True)
class Candidate:
    name: str
    weights: dict[str, float]
    config: fasttext_model.FastTextConfig = field(default_factory=fasttext_model.FastTextConfig)
    balanced: frozenset[str] = SHIPPED_BALANCED
    han_runs: bool = True  # fasttext_line's Han runs as words


def candidates() -> dict[str, Candidate]:
    """today: the models before the extra data; extra-data: those sources added, Chinese as before; shipped: what
    train.py trains now (Chinese also with Han runs and balanced labels); the rest: settings tried on the way
    (README, "Leave-one-source-out")."""
    shipped = fasttext_model.FastTextConfig()
    plain = {"balanced": frozenset(), "han_runs": False}
    return {c.name: c for c in [
        Candidate("today", BASE_WEIGHTS, replace(shipped, **TODAY_CONFIG), **plain),
        Candidate("extra-data", SHIPPED_WEIGHTS, shipped, **plain),
        Candidate("shipped", SHIPPED_WEIGHTS, shipped),
        Candidate("han-runs", SHIPPED_WEIGHTS, shipped, balanced=frozenset()),
        Candidate("balanced", SHIPPED_WEIGHTS, shipped, han_runs=False),
        Candidate("epoch10-lr0.1", SHIPPED_WEIGHTS, replace(shipped, epoch=10, lr=0.1), **plain),
        Candidate("epoch5-lr0.1", SHIPPED_WEIGHTS, replace(shipped, epoch=5, lr=0.1), **plain),
        Candidate("word-trigrams", SHIPPED_WEIGHTS, replace(shipped, word_ngrams=3), **plain),
        Candidate("dim100", SHIPPED_WEIGHTS, replace(shipped, dim=100), **plain),
    ]}


# The configuration of the models before this table existed (issue #6), for the "today" column.
TODAY_CONFIG = {"lr": 0.02, "epoch": 30, "word_ngrams": 2, "minn": 2, "maxn": 5, "dim": 50}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def auc(labels: np.ndarray, scores: np.ndarray) -> float | None:
    """ROC AUC (the chance that an abusive text outscores a clean one): how well the model ranks, whatever the
    threshold. None for a source with one class only."""
    positives, negatives = scores[labels == 1], scores[labels == 0]
    if not len(positives) or not len(negatives):
        return None
    values = np.concatenate([positives, negatives])
    # Ties share their mean rank: the ranks of a group of equal values run from its end minus its size + 1 to its end.
    _, group, counts = np.unique(values, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    ranks = (ends - (counts - 1) / 2)[group]
    return float((ranks[:len(positives)].sum() - len(positives) * (len(positives) + 1) / 2) / (len(positives) * len(negatives)))


def metrics(labels: np.ndarray, flagged: np.ndarray) -> dict:
    tp = int((flagged & (labels == 1)).sum())
    fp = int((flagged & (labels == 0)).sum())
    positives, negatives = int((labels == 1).sum()), int((labels == 0).sum())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / positives if positives else None
    f1 = (2 * precision * recall / (precision + recall) if precision and recall else 0.0) \
        if precision is not None and recall is not None else None
    return {"n": len(labels), "positives": positives, "precision": precision, "recall": recall, "f1": f1,
            "fpr": fp / negatives if negatives else None}


def run(candidate: Candidate, rows: list[dict], lines: dict[str, str], threads: int, scores_out,
        langs: list[str]) -> list[dict]:
    results = []
    for lang in langs:
        for held_out in [s for s, l in SOURCES.items() if l == lang]:
            started = time.time()
            train = [r for r in rows if r["split"] == "train" and r["lang"] == lang and r["source"] != held_out]
            train = weighted(train, candidate.weights, SEED, candidate.balanced)
            model = fasttext_model.train_lines([lines[r["id"]] for r in train], [r["label"] for r in train],
                                               candidate.config, SEED, threads)
            tune = [r for r in rows if r["split"] == "dev" and r["lang"] == lang and r["source"] != held_out
                    and candidate.weights.get(r["source"], 0) > 0]
            test = [r for r in rows if r["source"] == held_out]
            score = {r["id"]: fasttext_model.toxic_probability(model, lines[r["id"]]) for r in tune + test}
            threshold = best_threshold(np.array([r["label"] for r in tune]), np.array([score[r["id"]] for r in tune]))
            labels = np.array([r["label"] for r in test])
            test_scores = np.array([score[r["id"]] for r in test])
            result = {"candidate": candidate.name, "lang": lang, "source": held_out, "threshold": threshold,
                      "auc": auc(labels, test_scores), **metrics(labels, test_scores >= threshold)}
            results.append(result)
            log(f"{candidate.name} {lang} without {held_out}: AUC {fmt(result['auc'])} F1 {fmt(result['f1'])} recall {fmt(result['recall'])} "
                f"FPR {fmt(result['fpr'])} ({time.time() - started:.0f} s)")
            if scores_out:
                for r in tune + test:
                    scores_out.write(json.dumps({"candidate": candidate.name, "heldOut": held_out, "id": r["id"],
                                                 "role": "test" if r["source"] == held_out else "tune",
                                                 "fastText": round(score[r["id"]], 6)}) + "\n")
    return results


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def table(results: list[dict], names: list[str]) -> str:
    """Markdown: one row per held-out source, F1 (false-positive rate) per candidate, then the mean per language."""
    out = ["| lang | held-out source | items | " + " | ".join(f"{n} F1 (FPR)" for n in names) + " |",
           "|---|---|---:|" + "---:|" * len(names)]
    by = {(r["candidate"], r["source"]): r for r in results}
    for lang in [lang for lang in LANGS if any(r["lang"] == lang for r in results)]:
        sources = [s for s, l in SOURCES.items() if l == lang]
        for source in sources:
            cells = [f"{fmt(by[n, source]['f1'])} ({fmt(by[n, source]['fpr'])})" for n in names]
            out.append(f"| {lang} | {source} | {by[names[0], source]['n']:,} | " + " | ".join(cells) + " |")
        means = [np.mean([by[n, s]["f1"] for s in sources]) for n in names]
        out.append(f"| {lang} | **mean** | | " + " | ".join(f"**{m:.3f}**" for m in means) + " |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "datasets")
    parser.add_argument("--candidates", nargs="+", help=f"which of {list(candidates())} (default: today shipped)")
    parser.add_argument("--langs", nargs="+", default=list(LANGS), help="languages (default: all)")
    parser.add_argument("--threads", type=int, default=1,
                        help="fastText threads (default 1: more are faster, but Hogwild updates make each run differ)")
    parser.add_argument("--scores", type=Path, help="write every score as JSON Lines here")
    parser.add_argument("--json", type=Path, help="write the table's numbers as JSON here")
    args = parser.parse_args()

    known = candidates()
    names = args.candidates or ["today", "shipped"]
    rows = [{**r, "split": "train"} for r in read_split(args.data, "train") if r["lang"] in args.langs]
    rows += [{**r, "split": "dev"} for r in read_split(args.data, "dev") if r["lang"] in args.langs]
    hints = LexiconHints.from_engine_lexicons(LEXICONS)
    # fastText's input lines, once per way of reading Han characters that the candidates use (hints cost the most).
    lines = {han_runs: {r["id"]: fasttext_line(r["text"], hints.hint_tokens(r["text"]), han_runs) for r in rows}
             for han_runs in {known[n].han_runs for n in names}}
    scores_out = args.scores.open("w", encoding="utf-8") if args.scores else None
    try:
        results = [result for name in names for result in run(known[name], rows, lines[known[name].han_runs], args.threads, scores_out, args.langs)]
    finally:
        if scores_out:
            scores_out.close()
    if args.json:
        args.json.write_text(json.dumps({"candidates": {n: {"weights": known[n].weights, "balanced": sorted(known[n].balanced),
                                                            "han_runs": known[n].han_runs, "config": asdict(known[n].config)}
                                                        for n in names}, "results": results}, indent=2) + "\n")
    print(table(results, names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
