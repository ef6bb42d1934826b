"""Texts per second of each model server at batch 1 and batch 32, over real HTTP, in one run.

    /usr/bin/python3 Benchmarks/models/bench_servers.py --fasttext URL --kobert URL [--seconds 10] [--clients 4]

Texts are dev.jsonl's (all three languages, shuffled with a fixed seed). Batch 1 is how a hand-glued client
calls a model (one text per request); batch 32 is how FilterApi's micro-batcher calls it under load. The
ratio is what batching buys on this machine; absolute numbers depend on the cores.
"""
from __future__ import annotations

import argparse
import json
import random
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def post(url: str, texts: list[str]) -> None:
    body = json.dumps({"texts": texts}).encode()
    request = urllib.request.Request(url + "/predict", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        response.read()


def measure(url: str, texts: list[str], batch: int, clients: int, seconds: float) -> float:
    """Texts scored per second by `clients` threads sending `batch` texts per request for `seconds`."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        while time.monotonic() < stop:
            start = rng.randrange(0, len(texts) - batch)
            post(url, texts[start:start + batch])
            done[index] += batch

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fasttext", required=True)
    parser.add_argument("--kobert", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "datasets" / "dev.jsonl")
    args = parser.parse_args()
    texts = [json.loads(line)["text"][:2000] for line in args.dev.open(encoding="utf-8")]
    random.Random(1).shuffle(texts)

    print("| server | batch 1 texts/s | batch 32 texts/s | batch 32 / batch 1 |")
    print("|---|---:|---:|---:|")
    for name, url in (("fasttext", args.fasttext), ("kobert", args.kobert)):
        measure(url, texts, 1, args.clients, 2)  # warm-up
        single = measure(url, texts, 1, args.clients, args.seconds)
        batched = measure(url, texts, 32, args.clients, args.seconds)
        print(f"| {name} | {single:.0f} | {batched:.0f} | {batched / single:.2f} |", flush=True)


if __name__ == "__main__":
    main()
