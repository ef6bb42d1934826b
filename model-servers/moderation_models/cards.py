"""Model cards, written by train.py next to each model from its meta.json, so the numbers never drift."""
from __future__ import annotations

from .evaluation import LANGS

DATA = """\
## Data

Trained on `../shared/datasets/train.jsonl` and `extra/train.jsonl` (89,225 texts); thresholds tuned on
`dev.jsonl` (6,601 texts). Labels: 1 = profane, offensive, hateful or toxic; 0 = clean. Sources and licences
(details, attribution and label mapping in `../shared/datasets/SOURCES.md`, licence texts in
`../shared/datasets/LICENSES/`):

| source | lang | licence | train | dev |
|---|---|---|---:|---:|
| kocohub (BEEP! Korean news comments, Moon et al. 2020) | ko | CC BY-SA 4.0 | 6,018 | 685 |
| 2runo_curse (Korean community comments) | ko | MIT | 4,134 | 473 |
| apeach (crowd-written Korean sentences, Yang et al. 2022) | ko | CC BY-SA 4.0 | 3,398 | 372 |
| kosbi (Korean statements about social groups, NAVER 2023) | ko | MIT | 6,124 | 689 |
| davidson (English tweets, Davidson et al. 2017) | en | MIT | 17,905 | 2,010 |
| convabuse (English chat-bot turns, Cercas Curry et al. 2021) | en | CC BY 4.0 | 1,574 | 171 |
| stormfront (English white-supremacist forum, de Gibert et al. 2018) | en | CC BY-SA 3.0 ES | 9,471 | 1,054 |
| toxic_spans (English toxic news comments, positives only) | en | CC0 1.0 | 9,564 | 1,056 |
| openai_moderation (English moderation samples) | en | MIT | 1,498 | 162 |
| cold (Chinese social media, Deng et al. 2022) | zh | Apache-2.0 | 23,132 | 2,547 |
| swsr (Sina Weibo sexism, Jiang et al. 2022) | zh | MIT | 6,407 | 715 |

**Which sources, and why.** Every source is used at weight 1 (`moderation_models/sources.py`), chosen by
the leave-one-source-out table (`model-servers/loso.py`, printed by `Quality --loso` and in the README):
with the extra sources, fastText trained without a source ranks that source's texts better for every
Korean source but KoSBi (ROC AUC kocohub 0.617 → 0.732, 2runo 0.774 → 0.832) and for three of four
scorable English ones (convabuse 0.832 → 0.900, stormfront 0.660 → 0.689), and its mean F1 on the
unseen source rises in both languages. Davidson (0.953 → 0.835 when held out) and the OpenAI samples (0.790 → 0.730) lose: Davidson's labels
count any slur or swear word, the others' do not. KoSBi labels social bias, not profanity, and toxic
spans has positives only; the table measured the extra sources together, not each
one's weight, so lower weights for these two are the next thing to measure. Chinese has no extra source; for
fastText, each run of Han characters is also a word (so character n-grams reach inside Chinese words) and COLD's
and SWSR's labels are balanced (abusive and clean items weigh half the source each), which the same table chose
(ROC AUC with COLD held out 0.642 → 0.661, SWSR 0.716 → 0.714; mean chat F1 on the unseen source 0.561 → 0.569).
The lexicon hints read words split by separators (傻_逼, 시.발) and traditional characters (他媽的) as the
word lists do. The dev split of the extra sources is not used to tune.

The model is a derivative of these datasets; the ShareAlike terms of kocohub, apeach and stormfront apply
to redistributing it. The lexicon hint features come from the project's own word lists
(`Libraries/Moderation.Engine/Lexicons`, a snapshot is `lexicon.tsv` here).
"""

FAILURES = """\
## Known failure modes

- **Label semantics differ by source.** Davidson counts any slur or swear word as offensive, so the
  English model flags quoted or reclaimed slurs; SWSR labels sexism, not profanity, so Chinese
  swearing without sexism may score low, and some of its clean items contain insults. Korean labels
  mix "offensive" news comments (rudeness without swear words) with community swearing: Korean is
  the weakest language (see the table).
- **Swearing against commentary in Chinese.** COLD and SWSR label offensive *commentary* (on race, region,
  gender), not swearing, so the transformer scores some plain Chinese swearing low (操你妈的傻逼: 0.22);
  fastText (through its lexicon hints) and the lexicon tier catch it in the combined decision.
- **Bias.** Models trained on Davidson-style data flag African-American English more often
  (Davidson et al. report this); treat English scores on dialect text with care.
- **Context and sarcasm** beyond one message are not seen; very long texts are judged on their first
  128 pieces (transformer) or on averaged word vectors (fastText), which dilutes one insult in a long text.
- **New coinages** that share no characters with anything in training are missed; the lexicon tier
  and operators' lexicon overrides cover those faster than retraining.
- **Languages other than ko/en/zh** get the English threshold and unreliable scores.
"""


def _metrics(meta: dict) -> str:
    rows = ["| lang | threshold | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for lang in LANGS:
        m = meta["dev"][lang]
        rows.append(f"| {lang} | {meta['thresholds'][lang]:.2f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |")
    return "\n".join(rows)


def _files(meta: dict) -> str:
    return ", ".join(f"`{name}` ({size / 1e6:.1f} MB)" for name, size in meta["files"].items())


def render(meta: dict) -> str:
    config = meta["config"]
    if meta["model"] == "fasttext":
        title = "fastText classifier (`fasttext` service)"
        architecture = f"""\
## Architecture

A supervised fastText classifier (Joulin et al. 2017): the text's words, word {config['word_ngrams']}-grams and
character {config['minn']}–{config['maxn']}-grams hashed into {config['bucket']:,} buckets, {config['dim']}-dimensional
embeddings averaged and fed to a softmax over two labels; trained {config['epoch']} epochs at learning rate
{config['lr']}, single-threaded with seed {meta['seed']} (reproducible), then quantised (product quantisation,
{config['cutoff']:,} most important rows kept) to keep the file small.

Input preparation (`moderation_models/text.py`), shared with the transformer and following the lexicon
tier's normalisation: NFKC (full-width forms), case folding, runs of a character cut to two, mentions,
links and HTML entities replaced; Han characters as separate tokens; every Korean word also spelled in
jamo (시발 → ㅅㅣㅂㅏㄹ) so that spelling variants share n-grams; and lexicon hint tokens
(`__lex__`, `__lex_insult__`…) for the categories of the word lists the text mentions.

**Word attribution** (the `words` of `/predict`): for a text at or above 0.5, each space-separated word
(for Chinese, each pair of Han characters) that scores at least 0.5 on its own *and* whose removal lowers
the text's score is reported, spelled as the text spells it.
"""
    else:
        title = "BERT-style transformer classifier (`kobert` service)"
        architecture = f"""\
## Architecture

No pretrained weights can be downloaded here, so everything is learnt from `train.jsonl`:

1. a SentencePiece unigram vocabulary of {config['vocab_size']:,} pieces trained on the normalised training texts,
   with the lexicon hint tokens as single pieces;
2. a pre-norm Transformer encoder ({config['layers']} layers, {config['dim']} dimensions, {config['heads']} heads,
   feed-forward {config['ff_dim']}, GELU, learned positions, up to {config['max_len']} pieces) pretrained with
   BERT's masked-language modelling (15% of pieces; 80% `[MASK]`, 10% random, 10% kept; output tied to the
   input embeddings) for {config['mlm_epochs']} epochs, labels unused;
3. fine-tuned with a linear classifier on `[CLS]` for {config['fine_tune_epochs']} epochs
   (AdamW, linear warm-up and decay, batches of similar length).

Config `{config['name']}`; seed {meta['seed']}. `train.py kobert --config base` trains the larger 4-layer,
256-dimension encoder (meant for a GPU machine; the same code runs on CPU, slowly).
"""
    return f"""# Model card: {title}

{architecture}
{DATA}
## Quality on dev.jsonl

Per-language thresholds are calibrated on dev: the threshold (a multiple of 0.01) with the best F1 for
that language. FilterApi does not use these thresholds directly: it combines this model with the other
tiers (`Libraries/Moderation.Engine/Scoring`), fitted by `Quality --fit`; the combined numbers are in
the README. `/health` reports the thresholds for a client that uses this server alone.

{_metrics(meta)}

Files: {_files(meta)}. Training took {meta['train_seconds']} s on the machine that produced the
committed model. `/usr/bin/python3 model-servers/train.py {meta['model']} --verify` retrains from scratch
into a temporary folder and compares dev F1 with these numbers (tolerance ±0.01).

{FAILURES}"""
