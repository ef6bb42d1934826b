"""Trains the ML tier's models on train.jsonl and extra/train.jsonl (per-source weights, see
moderation_models/sources.py) and calibrates their thresholds on dev.jsonl.

    /usr/bin/python3 model-servers/train.py all                 # both models into model-servers/models
    /usr/bin/python3 model-servers/train.py kobert --config base  # the 4-layer encoder (GPU if present)
    /usr/bin/python3 model-servers/train.py all --verify        # retrain into a temporary folder and
                                                                # compare its dev F1 with the committed models

Each model folder gets the model files, the lexicon snapshot its hint features came from, and
meta.json (config, seed, per-language thresholds and dev metrics) that the model card quotes.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from moderation_models import cards  # noqa: E402
from moderation_models.evaluation import LANGS, calibrate, read_jsonl  # noqa: E402
from moderation_models.lexicon import LexiconHints  # noqa: E402
from moderation_models.sources import SHIPPED_BALANCED, SHIPPED_WEIGHTS, read_split, weighted  # noqa: E402

SEED = 20261201
LEXICONS = HERE.parent / "Libraries" / "Moderation.Engine" / "Lexicons"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def write_meta(folder: Path, name: str, config: dict, train: list[dict], dev: list[dict], scores: np.ndarray,
               started: float, balanced: frozenset[str] = frozenset()) -> dict:
    thresholds, metrics = calibrate(dev, scores)
    counts: dict[str, int] = {}
    for row in train:
        counts[row["source"]] = counts.get(row["source"], 0) + 1
    meta = {
        "model": name, "seed": SEED, "config": config, "trained_on": "train.jsonl + extra/train.jsonl",
        "source_weights": SHIPPED_WEIGHTS, "balanced_sources": sorted(balanced), "training_items": counts, "tuned_on": "dev.jsonl",
        "thresholds": thresholds, "dev": metrics, "train_seconds": round(time.time() - started),
        "files": {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.name not in ("meta.json", "MODEL_CARD.md")},
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (folder / "MODEL_CARD.md").write_text(cards.render(meta), encoding="utf-8")
    for lang in LANGS:
        log(f"{name} dev {lang}: threshold {thresholds[lang]:.2f} F1 {metrics[lang]['f1']:.4f}")
    return meta


def train_fasttext(train: list[dict], dev: list[dict], hints: LexiconHints, folder: Path) -> dict:
    from moderation_models import fasttext_model

    started = time.time()
    config = fasttext_model.FastTextConfig()
    model = fasttext_model.train([r["text"] for r in train], [r["label"] for r in train], hints, config, SEED)
    model.save_model(str(folder / "model.ftz"))
    hints.save(folder / "lexicon.tsv")
    classifier = fasttext_model.FastTextClassifier(folder)  # measured as served, after the round trip
    scores = np.array(classifier.predict([r["text"] for r in dev]))
    return write_meta(folder, "fasttext", asdict(config), train, dev, scores, started, SHIPPED_BALANCED)


def train_kobert(train: list[dict], dev: list[dict], hints: LexiconHints, folder: Path, config_name: str,
                 threads: int | None) -> dict:
    import sentencepiece as spm
    import torch
    from moderation_models import transformer

    started = time.time()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    if threads:
        torch.set_num_threads(threads)
    config = transformer.CONFIGS[config_name]
    texts = [r["text"] for r in train]
    transformer.Tokenizer.train(texts, config.vocab_size, folder / "spm")
    (folder / "spm.vocab").unlink()
    hints.save(folder / "lexicon.tsv")
    tokenizer = transformer.Tokenizer(spm.SentencePieceProcessor(model_file=str(folder / "spm.model")), hints,
                                      config.max_len)
    sequences = [tokenizer.encode(t) for t in texts]
    log(f"kobert: {len(sequences)} texts, {sum(map(len, sequences)) / len(sequences):.1f} pieces on average")
    # A GPU when there is one (the base config is meant for it); the same steps run on CPU.
    model = transformer.Encoder(config).to("cuda" if torch.cuda.is_available() else "cpu")
    transformer.pretrain(model, sequences, SEED, lambda m: log(f"kobert {m}"))
    transformer.fine_tune(model, sequences, [r["label"] for r in train], SEED + 1, lambda m: log(f"kobert {m}"))
    transformer.save(model, folder)
    classifier = transformer.TransformerClassifier(folder)
    scores = np.array(classifier.predict([r["text"] for r in dev]))
    return write_meta(folder, "kobert", {"name": config_name, **asdict(config)}, train, dev, scores, started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=["fasttext", "kobert", "all"])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "datasets",
                        help="folder with train.jsonl and dev.jsonl (default: ../shared/datasets)")
    parser.add_argument("--out", type=Path, default=HERE / "models", help="where the model folders go")
    parser.add_argument("--config", choices=["tiny", "base"], default="tiny", help="kobert size")
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    parser.add_argument("--verify", action="store_true",
                        help="train into a temporary folder and compare dev F1 with the models in --out")
    args = parser.parse_args()

    rows = read_split(args.data, "train")
    # fastText balances the Chinese sources' labels (the leave-one-source-out table chose it for fastText only).
    train = {"fasttext": weighted(rows, SHIPPED_WEIGHTS, SEED, SHIPPED_BALANCED), "kobert": weighted(rows, SHIPPED_WEIGHTS, SEED)}
    dev = read_jsonl(args.data / "dev.jsonl")
    hints = LexiconHints.from_engine_lexicons(LEXICONS)
    names = ["fasttext", "kobert"] if args.model == "all" else [args.model]
    out = Path(tempfile.mkdtemp(prefix="moderation-models-")) if args.verify else args.out
    failures = 0
    for name in names:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        log(f"training {name} into {folder}")
        meta = (train_fasttext(train[name], dev, hints, folder) if name == "fasttext"
                else train_kobert(train[name], dev, hints, folder, args.config, args.threads))
        if args.verify:
            committed = json.loads((args.out / name / "meta.json").read_text(encoding="utf-8"))
            for lang in LANGS:
                delta = meta["dev"][lang]["f1"] - committed["dev"][lang]["f1"]
                ok = abs(delta) <= 0.01
                failures += not ok
                log(f"verify {name} {lang}: committed {committed['dev'][lang]['f1']:.4f} "
                    f"retrained {meta['dev'][lang]['f1']:.4f} delta {delta:+.4f} {'ok' if ok else 'OUT OF TOLERANCE'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
