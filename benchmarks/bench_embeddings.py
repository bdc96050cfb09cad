"""Embedding throughput of the shipped multilingual model, beside a lexical baseline.

Texts are post-like captions and titles in French and English (a fixed set, repeated).
Printed in the same run:

- embed, one process: texts per second through `analytics.embeddings.TextEncoder` (wall
  clock), and per second of the process' own CPU time;
- embed, one process per core: the same batches through `encode_batches`, what storing a
  workspace's vectors uses for PARALLEL_FROM texts or more (worker start-up included);
- baseline: the same texts through the lexical tokeniser (folding and stemming), which is the
  work every text costs anyway.

    python benchmarks/bench_embeddings.py [--texts 5000] [--batch 256]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from influent.analytics.embeddings import TextEncoder, encode_batches
from influent.domain.brand_words import words

_SAMPLES = (
    "Ma routine soin du visage pour peau sensible, tout en produits vegan",
    "Morning skincare routine for sensitive skin with clean beauty products",
    "Recette de curry de lentilles corail, rapide et 100 % végétal",
    "How I train for my first marathon: gear, food and recovery",
    "Zéro déchet à la maison : 10 astuces faciles pour commencer",
    "Unboxing the new mirrorless camera and first street photography test",
    "Podcast épisode 42 : entreprendre dans la cosmétique naturelle",
    "SURFING GIANT WAVES IN HAWAII (PIPELINE) with the crew at sunrise",
)


def _texts(n: int) -> list[str]:
    return [f"{_SAMPLES[i % len(_SAMPLES)]} #{i}" for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    texts = _texts(args.texts)
    encoder = TextEncoder()
    started = time.perf_counter()
    encoder.encode(texts[:8])
    print(f"model load and first batch: {time.perf_counter() - started:.2f} s")

    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), args.batch):
        encoder.encode(texts[start : start + args.batch])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    batches = [texts[start : start + args.batch] for start in range(0, len(texts), args.batch)]
    pooled = time.perf_counter()
    for _ in encode_batches(encoder, batches, parallel_from=0):
        pass
    pooled = time.perf_counter() - pooled

    base_wall, base_cpu = time.perf_counter(), time.process_time()
    for text in texts:
        words(text)
    base_wall, base_cpu = time.perf_counter() - base_wall, time.process_time() - base_cpu

    load = os.getloadavg()[0]
    print(f"load average (1 min) on {os.cpu_count()} cores: {load:.1f}")
    print(
        f"embed, one process:       {len(texts) / wall:8.0f} texts/s wall, "
        f"{len(texts) / cpu:8.0f} texts/s per CPU second"
    )
    print(
        f"embed, a process per core: {len(texts) / pooled:8.0f} texts/s wall "
        "(worker start-up included)"
    )
    print(
        f"baseline:                 {len(texts) / base_wall:8.0f} texts/s wall, "
        f"{len(texts) / max(base_cpu, 1e-9):8.0f} texts/s per CPU second (lexical words only)"
    )


if __name__ == "__main__":
    main()
