"""Serves one model over HTTP: /usr/bin/python3 model-servers/serve.py fasttext|kobert [--port N]

The port also comes from $PORT (as a hosting platform sets it); the model folder from --models.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import uvicorn  # noqa: E402

from moderation_models.server import create_app  # noqa: E402


def load_fasttext(folder: Path):
    from moderation_models.fasttext_model import FastTextClassifier

    classifier = FastTextClassifier(folder)
    return lambda texts: [{"toxic": round(p, 6), "words": words} for p, words in classifier.predict_with_words(texts)]


def load_kobert(folder: Path):
    from moderation_models.transformer import TransformerClassifier

    classifier = TransformerClassifier(folder)
    return lambda texts: [{"toxic": round(p, 6)} for p in classifier.predict(texts)]


LOADERS = {"fasttext": (load_fasttext, False), "kobert": (load_kobert, True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", choices=sorted(LOADERS))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--models", type=Path, default=HERE / "models", help="folder holding the model folders")
    args = parser.parse_args()
    load, serialise = LOADERS[args.model]
    app = create_app(args.model, args.models / args.model, load, serialise)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
