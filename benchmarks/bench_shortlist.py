"""Shortlist search over a million creators: the creator index beside exact float32 numpy.

Vectors are built like real profile vectors: real embeddings of creator-like texts in French
and English (the shipped model) as topic centres, each creator a noisy mix of one or two
centres, normalised. Filters: platform (7 codes), tier (5), country (6), drawn with realistic
skew. Measured in the same run:

- index: `analytics.vector_index.CreatorIndex.search` (filter slices, 128-component
  projection, exact float16 re-rank of 2,000 candidates, top 50), run in a child process that
  loads only the index, whose resident memory is reported;
- baseline: exact float32 top 50 with numpy over the same filtered rows (argpartition);
- recall@50 of the index against the baseline, query by query.

    python benchmarks/bench_shortlist.py [--creators 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from influent.analytics.embeddings import TextEncoder, normalise
from influent.analytics.vector_index import CreatorIndex, Filters, build_index

TOPICS = (
    "Routine skincare pour peau sensible, cosmétiques vegan",
    "Clean beauty and natural skincare for sensitive skin",
    "Recettes végétales faciles et cuisine de saison",
    "Plant-based recipes and meal prep",
    "Zéro déchet à la maison et vrac",
    "Marathon training, running shoes and recovery",
    "Yoga, méditation et bien-être",
    "Football : résumés de matchs et mercato",
    "Video games, speedruns and esports",
    "Voyage en van et road trips en Europe",
    "Personal finance, investing and budgeting",
    "Maquillage, tutoriels et nouveautés beauté",
    "Parenting tips and family life",
    "Mode éthique et seconde main",
    "Tech reviews: smartphones and laptops",
    "Jardinage urbain et plantes d'intérieur",
)
QUERIES = (
    "cosmétiques vegan pour peaux sensibles",
    "natural skincare routine",
    "cuisine végétale",
    "running and marathon",
    "zero waste lifestyle",
    "jeux vidéo",
)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _build(n: int, folder: Path, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    centres = TextEncoder().encode(list(TOPICS))
    vectors = np.lib.format.open_memmap(
        folder / "float32.npy", mode="w+", dtype=np.float32, shape=(n, centres.shape[1])
    )
    for start in range(0, n, 100_000):
        stop = min(start + 100_000, n)
        size = stop - start
        first = rng.integers(0, len(TOPICS), size)
        second = rng.integers(0, len(TOPICS), size)
        mix = rng.uniform(0.0, 0.5, size)[:, None]
        chunk = (1 - mix) * centres[first] + mix * centres[second]
        chunk += rng.normal(0, 0.035, chunk.shape).astype(np.float32)
        chunk = normalise(chunk.astype(np.float32))
        vectors[start:stop] = chunk
    vectors.flush()
    np.save(
        folder / "platform.npy",
        rng.choice(7, n, p=[0.4, 0.2, 0.15, 0.1, 0.08, 0.05, 0.02]).astype(np.uint8),
    )
    followers = (10 ** rng.normal(4.2, 0.8, n)).astype(np.int64)
    np.save(folder / "followers.npy", followers)
    tier = np.digitize(followers, [10_000, 100_000, 500_000, 1_000_000]).astype(np.uint8)
    np.save(folder / "tier.npy", tier)
    np.save(
        folder / "country.npy",
        rng.choice(6, n, p=[0.6, 0.12, 0.1, 0.1, 0.05, 0.03]).astype(np.uint16),
    )
    np.save(folder / "queries.npy", TextEncoder().encode(list(QUERIES)))
    index = build_index(
        ids=np.arange(n, dtype=np.int64),
        vectors=np.load(folder / "float32.npy", mmap_mode="r"),
        platform=np.load(folder / "platform.npy"),
        tier=np.load(folder / "tier.npy"),
        country=np.load(folder / "country.npy"),
        exact_path=folder / "exact.f16",
        layout=(7, 5, 6),
    )
    index.save(folder)


def _filters(count: int, seed: int = 11) -> list[Filters]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        out.append(
            Filters(
                platforms=[int(rng.integers(0, 3))],
                tiers=sorted({int(rng.integers(0, 3)), int(rng.integers(0, 3))}),
                countries=[int(rng.integers(0, 3))],
            )
        )
    return out


def _index_child(folder: str, count: int, out: Any) -> None:
    path = Path(folder)
    before = _rss_mb()
    index = CreatorIndex.load(path, path / "exact.f16")
    queries = np.load(path / "queries.npy")
    filters = _filters(count)
    timings, results = [], []
    unfiltered = []
    for i, f in enumerate(filters):
        started = time.perf_counter()
        ids, _ = index.search(queries[i % len(queries)], f, 50)
        timings.append(time.perf_counter() - started)
        results.append(ids)
    for i in range(5):
        started = time.perf_counter()
        index.search(queries[i % len(queries)], Filters(), 50)
        unfiltered.append(time.perf_counter() - started)
    out.put(
        {
            "rss_before_mb": before,
            "rss_mb": _rss_mb(),
            "index_mb": index.nbytes / 2**20,
            "timings": timings,
            "unfiltered": unfiltered,
            "results": results,
        }
    )


def _baseline(folder: Path, count: int) -> tuple[list[float], list[np.ndarray], float]:
    vectors = np.load(folder / "float32.npy")
    platform, tier, country = (
        np.load(folder / f"{n}.npy") for n in ("platform", "tier", "country")
    )
    queries = np.load(folder / "queries.npy")
    timings, results = [], []
    for i, f in enumerate(_filters(count)):
        started = time.perf_counter()
        keep = np.flatnonzero(
            np.isin(platform, f.platforms) & np.isin(tier, f.tiers) & np.isin(country, f.countries)
        )
        scores = vectors[keep] @ queries[i % len(queries)]
        best = np.argpartition(-scores, 49)[:50] if len(keep) > 50 else np.arange(len(keep))
        best = best[np.argsort(-scores[best])]
        timings.append(time.perf_counter() - started)
        results.append(keep[best])
    started = time.perf_counter()
    scores = vectors @ queries[0]
    np.argpartition(-scores, 49)[:50]
    return timings, results, time.perf_counter() - started


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--creators", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        _build(args.creators, folder)
        print(f"built {args.creators:,} creator vectors in {time.perf_counter() - started:.1f} s")
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        child = context.Process(target=_index_child, args=(str(folder), args.queries, queue))
        child.start()
        index = queue.get()
        child.join()
        base_times, base_results, full_scan = _baseline(folder, args.queries)
    recalls = [
        len(set(a.tolist()) & set(b.tolist())) / max(1, min(50, len(b)))
        for a, b in zip(index["results"], base_results, strict=True)
    ]
    print(f"load average (1 min) on {os.cpu_count()} cores: {os.getloadavg()[0]:.1f}")
    print(
        f"index (filtered):         p50 {_p(index['timings'], 50):6.1f} ms  "
        f"p95 {_p(index['timings'], 95):6.1f} ms over {args.queries} queries"
    )
    print(
        f"baseline (float32 exact): p50 {_p(base_times, 50):6.1f} ms  "
        f"p95 {_p(base_times, 95):6.1f} ms over the same queries"
    )
    print(
        f"unfiltered top 50:        index p50 {_p(index['unfiltered'], 50):6.1f} ms, "
        f"float32 full scan {full_scan * 1000:6.1f} ms"
    )
    print(
        f"memory: index arrays {index['index_mb']:.0f} MB; child process resident "
        f"{index['rss_mb']:.0f} MB (interpreter and numpy alone: {index['rss_before_mb']:.0f} MB)"
    )
    print(f"recall@50 vs float32: mean {np.mean(recalls):.4f}, min {np.min(recalls):.4f}")


if __name__ == "__main__":
    main()
