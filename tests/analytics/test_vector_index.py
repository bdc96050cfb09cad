from __future__ import annotations

from pathlib import Path

import numpy as np

from influent.analytics.embeddings import normalise
from influent.analytics.vector_index import CreatorIndex, Filters, build_index


def _data(n: int = 3_000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    centres = normalise(rng.normal(size=(8, 512)).astype(np.float32))
    vectors = normalise(
        (centres[rng.integers(0, 8, n)] + rng.normal(0, 0.05, (n, 512))).astype(np.float32)
    )
    return vectors, rng.integers(0, 3, n), rng.integers(0, 2, n), rng.integers(0, 4, n)


def test_it_finds_the_exact_top_k_within_the_filters(tmp_path: Path) -> None:
    vectors, platform, tier, country = _data()
    index = build_index(
        ids=np.arange(len(vectors), dtype=np.int64) + 1_000,
        vectors=vectors,
        platform=platform,
        tier=tier,
        country=country,
        exact_path=tmp_path / "exact.f16",
        layout=(3, 2, 4),
    )
    index.save(tmp_path)
    loaded = CreatorIndex.load(tmp_path, tmp_path / "exact.f16")
    query = vectors[17]
    filters = Filters(platforms=[1], countries=[0, 2])
    ids, scores = loaded.search(query, filters, k=20)
    keep = np.flatnonzero((platform == 1) & np.isin(country, [0, 2]))
    exact = keep[np.argsort(-(vectors[keep] @ query))[:20]] + 1_000
    assert len(set(ids.tolist()) & set(exact.tolist())) >= 19
    assert all(platform[i - 1_000] == 1 and country[i - 1_000] in (0, 2) for i in ids)
    assert np.all(np.diff(scores) <= 1e-6)
    assert abs(float(scores[0]) - float(vectors[ids[0] - 1_000] @ query)) < 1e-2


def test_it_answers_nothing_when_no_creator_passes_the_filters(tmp_path: Path) -> None:
    vectors, platform, tier, country = _data(200)
    platform[:] = 0
    index = build_index(
        ids=np.arange(200, dtype=np.int64),
        vectors=vectors,
        platform=platform,
        tier=tier,
        country=country,
        exact_path=tmp_path / "exact.f16",
        layout=(3, 2, 4),
    )
    ids, scores = index.search(vectors[0], Filters(platforms=[2]))
    assert len(ids) == 0 and len(scores) == 0
