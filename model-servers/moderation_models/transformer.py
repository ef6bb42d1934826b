"""A small BERT-style encoder: SentencePiece pieces, masked-language pretraining, then a classifier head.

No pretrained weights can be downloaded here, so everything is learnt from the training texts:
the vocabulary (SentencePiece unigram), the encoder (masked-language modelling, labels unused)
and the classifier (fine-tuning on the labels).
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import sentencepiece as spm
import torch
from torch import nn

from .lexicon import LexiconHints
from .text import normalise

PAD, UNK, CLS, MASK = 0, 1, 2, 3
HINT_SYMBOLS = ["__lex__"] + [f"__lex_{c}__" for c in
                               ("insult", "sexual", "hate", "discrimination", "violence", "drugs")]


@dataclass
class EncoderConfig:
    vocab_size: int = 8000
    dim: int = 128
    layers: int = 2
    heads: int = 4
    ff_dim: int = 512
    max_len: int = 128
    dropout: float = 0.1
    mlm_epochs: int = 3
    fine_tune_epochs: int = 3
    batch_size: int = 64
    mlm_lr: float = 5e-4
    fine_tune_lr: float = 2e-4


CONFIGS = {
    # Trains on two CPU cores in minutes; the committed model.
    "tiny": EncoderConfig(),
    # The 4-layer config for a machine with a GPU (or patience).
    "base": EncoderConfig(dim=256, layers=4, heads=4, ff_dim=1024, mlm_epochs=8, fine_tune_epochs=4),
}


class Tokenizer:
    """SentencePiece pieces behind [CLS], with the lexicon hint tokens as single pieces."""

    def __init__(self, processor: spm.SentencePieceProcessor, hints: LexiconHints, max_len: int):
        self.sp = processor
        self.hints = hints
        self.max_len = max_len

    @staticmethod
    def train(texts: list[str], vocab_size: int, model_prefix: Path) -> None:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter([normalise(t) for t in texts]), model_prefix=str(model_prefix),
            vocab_size=vocab_size, model_type="unigram", character_coverage=0.9995,
            pad_id=PAD, unk_id=UNK, bos_id=-1, eos_id=-1, control_symbols=["[CLS]", "[MASK]"],
            user_defined_symbols=HINT_SYMBOLS, input_sentence_size=0, shuffle_input_sentence=False,
            num_threads=1, minloglevel=2)

    def encode(self, text: str) -> list[int]:
        hints = [self.sp.piece_to_id(h) for h in self.hints.hint_tokens(text)]
        pieces = self.sp.encode(normalise(text))
        return ([CLS] + hints + pieces)[: self.max_len]


class Encoder(nn.Module):
    def __init__(self, config: EncoderConfig):
        super().__init__()
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.dim, padding_idx=PAD)
        self.position = nn.Embedding(config.max_len, config.dim)
        layer = nn.TransformerEncoderLayer(config.dim, config.heads, config.ff_dim, config.dropout,
                                           activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.layers)
        self.norm = nn.LayerNorm(config.dim)
        self.mlm_bias = nn.Parameter(torch.zeros(config.vocab_size))
        self.classifier = nn.Sequential(nn.Dropout(config.dropout), nn.Linear(config.dim, 2))
        for embedding in (self.embed, self.position):  # BERT's initialisation keeps the tied MLM logits small
            nn.init.normal_(embedding.weight, std=0.02)

    def hidden(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.embed(ids) + self.position(positions)
        return self.norm(self.encoder(x, src_key_padding_mask=ids.eq(PAD)))

    def mlm_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        return hidden @ self.embed.weight.T + self.mlm_bias  # output tied to the input embeddings

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.hidden(ids)[:, 0])


def _device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


def pad_batch(sequences: list[list[int]]) -> torch.Tensor:
    width = max(len(s) for s in sequences)
    return torch.tensor([s + [PAD] * (width - len(s)) for s in sequences], dtype=torch.long)


def length_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (little padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def _schedule(optimizer, total_steps: int):
    warmup = max(1, total_steps // 20)
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup))))


def _mask(ids: torch.Tensor, vocab_size: int, first_piece: int, generator: torch.Generator):
    """BERT masking: 15% of real pieces are predicted; of those 80% [MASK], 10% random, 10% kept."""
    labels = ids.clone()
    maskable = ids.ge(first_piece)
    chosen = (torch.rand(ids.shape, generator=generator) < 0.15) & maskable
    labels[~chosen] = -100
    roll = torch.rand(ids.shape, generator=generator)
    inputs = ids.clone()
    inputs[chosen & (roll < 0.8)] = MASK
    random_ids = torch.randint(first_piece, vocab_size, ids.shape, generator=generator)
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[swap] = random_ids[swap]
    return inputs, labels


def _step(model: nn.Module, optimizer, scheduler, loss: torch.Tensor) -> float:
    optimizer.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    scheduler.step()
    return loss.item()


def pretrain(model: Encoder, sequences: list[list[int]], seed: int, log) -> None:
    config = model.config
    rng, generator = random.Random(seed), torch.Generator().manual_seed(seed)
    first_piece = 4 + len(HINT_SYMBOLS)
    batches_per_epoch = math.ceil(len(sequences) / config.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.mlm_lr, weight_decay=0.01)
    scheduler = _schedule(optimizer, batches_per_epoch * config.mlm_epochs)
    model.train()
    for epoch in range(config.mlm_epochs):
        total = 0.0
        for batch in length_batches([len(s) for s in sequences], config.batch_size, rng):
            inputs, labels = _mask(pad_batch([sequences[i] for i in batch]), config.vocab_size, first_piece, generator)
            inputs, labels = inputs.to(_device(model)), labels.to(_device(model))
            hidden = model.hidden(inputs)
            selected = labels.ne(-100)
            loss = nn.functional.cross_entropy(model.mlm_logits(hidden[selected]), labels[selected])
            total += _step(model, optimizer, scheduler, loss)
        log(f"mlm epoch {epoch + 1}/{config.mlm_epochs}: loss {total / batches_per_epoch:.3f}")


def fine_tune(model: Encoder, sequences: list[list[int]], labels: list[int], seed: int, log) -> None:
    config = model.config
    rng = random.Random(seed)
    batches_per_epoch = math.ceil(len(sequences) / config.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.fine_tune_lr, weight_decay=0.01)
    scheduler = _schedule(optimizer, batches_per_epoch * config.fine_tune_epochs)
    targets = torch.tensor(labels, dtype=torch.long, device=_device(model))
    model.train()
    for epoch in range(config.fine_tune_epochs):
        total = 0.0
        for batch in length_batches([len(s) for s in sequences], config.batch_size, rng):
            ids = pad_batch([sequences[i] for i in batch]).to(_device(model))
            loss = nn.functional.cross_entropy(model(ids), targets[batch])
            total += _step(model, optimizer, scheduler, loss)
        log(f"fine-tune epoch {epoch + 1}/{config.fine_tune_epochs}: loss {total / batches_per_epoch:.3f}")


@torch.no_grad()
def probabilities(model: Encoder, sequences: list[list[int]], batch_size: int = 64) -> np.ndarray:
    model.eval()
    out = np.zeros(len(sequences), dtype=np.float64)
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        ids = pad_batch([sequences[i] for i in batch]).to(_device(model))
        out[batch] = torch.softmax(model(ids), dim=-1)[:, 1].double().cpu().numpy()
    return out


class TransformerClassifier:
    """A trained encoder loaded for serving: texts in, toxic probabilities out."""

    def __init__(self, folder: Path):
        config = EncoderConfig(**json.loads((folder / "config.json").read_text(encoding="utf-8")))
        processor = spm.SentencePieceProcessor(model_file=str(folder / "spm.model"))
        self.tokenizer = Tokenizer(processor, LexiconHints.load(folder / "lexicon.tsv"), config.max_len)
        self.model = Encoder(config)
        self.model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu"))
        self.model.eval()

    def predict(self, texts: list[str]) -> list[float]:
        return probabilities(self.model, [self.tokenizer.encode(t) for t in texts]).tolist()


def save(model: Encoder, folder: Path) -> None:
    torch.save({k: v.cpu() for k, v in model.state_dict().items()}, folder / "model.pt")
    (folder / "config.json").write_text(json.dumps(asdict(model.config), indent=2) + "\n", encoding="utf-8")
