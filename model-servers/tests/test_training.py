"""Training is reproducible: the same data and seed give the same model, for both model kinds."""
from __future__ import annotations

import random
import tempfile
import unittest
from dataclasses import replace
from pathlib import Path

import numpy as np

from moderation_models.evaluation import best_threshold, prf, read_jsonl
from moderation_models.lexicon import LexiconHints

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "datasets" / "train.jsonl"
HINTS = LexiconHints.from_engine_lexicons(ROOT / "Libraries" / "Moderation.Engine" / "Lexicons")


def sample(n: int) -> list[dict]:
    rows = read_jsonl(TRAIN)
    return random.Random(7).sample(rows, n)


@unittest.skipUnless(TRAIN.exists(), "needs ../shared/datasets/train.jsonl")
class TrainingTest(unittest.TestCase):
    def test_fasttext_trains_identically_twice(self):
        from moderation_models import fasttext_model

        rows = sample(3000)
        config = replace(fasttext_model.FastTextConfig(), epoch=5, cutoff=10_000)
        texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
        probes = ["you fucking idiot", "操你妈", "좋은 하루", "have a nice day"]
        runs = []
        for _ in range(2):
            model = fasttext_model.train(texts, labels, HINTS, config, seed=11)
            runs.append([model.predict(p, k=2)[1].tolist() for p in probes])
        self.assertEqual(runs[0], runs[1])

    def test_the_encoder_pretrains_and_fine_tunes_identically_twice(self):
        import sentencepiece as spm
        import torch
        from moderation_models import transformer

        rows = sample(600)
        config = transformer.EncoderConfig(vocab_size=3000, dim=32, layers=1, heads=2, ff_dim=64, max_len=32,
                                           mlm_epochs=1, fine_tune_epochs=1, batch_size=32)
        with tempfile.TemporaryDirectory() as folder:
            transformer.Tokenizer.train([r["text"] for r in rows], config.vocab_size, Path(folder) / "spm")
            tokenizer = transformer.Tokenizer(spm.SentencePieceProcessor(model_file=f"{folder}/spm.model"), HINTS,
                                              config.max_len)
            sequences = [tokenizer.encode(r["text"]) for r in rows]
        self.assertTrue(all(s[0] == transformer.CLS for s in sequences))
        runs = []
        for _ in range(2):
            torch.manual_seed(5)
            model = transformer.Encoder(config)
            transformer.pretrain(model, sequences, 5, lambda _: None)
            transformer.fine_tune(model, sequences, [r["label"] for r in rows], 6, lambda _: None)
            runs.append(transformer.probabilities(model, sequences[:50]))
        np.testing.assert_array_equal(runs[0], runs[1])


class MetricsTest(unittest.TestCase):
    def test_precision_recall_and_f1(self):
        labels = np.array([1, 1, 1, 0, 0])
        flagged = np.array([True, True, False, True, False])
        self.assertEqual({"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}, prf(labels, flagged))

    def test_the_threshold_with_the_best_f1_is_chosen(self):
        labels = np.array([0, 0, 1, 1])
        scores = np.array([0.1, 0.35, 0.4, 0.9])
        self.assertEqual(0.4, best_threshold(labels, scores))


if __name__ == "__main__":
    unittest.main()
