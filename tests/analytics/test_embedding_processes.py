"""Large batches of texts are embedded in one process per core, with the same vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from influent.analytics.embeddings import DIMENSIONS, TextEncoder, encode_batches

TEXTS = [
    f"{text} {i}"
    for i, text in enumerate(
        [
            "Routine soin du visage pour peau sensible, tout en produits vegan",
            "Morning skincare routine for sensitive skin",
            "Recette de curry de lentilles corail",
            "",
            "How I train for my first marathon",
        ]
        * 8
    )
]


def test_processes_give_the_vectors_of_one_process() -> None:
    encoder = TextEncoder()
    batches = [TEXTS[start : start + 7] for start in range(0, len(TEXTS), 7)]
    alone = np.vstack([encoder.encode(b) for b in batches])
    pooled = list(encode_batches(encoder, batches, processes=2, parallel_from=0))
    assert [len(p) for p in pooled] == [len(b) for b in batches]
    np.testing.assert_allclose(np.vstack(pooled), alone, atol=1e-6)


class Counting:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return np.ones((len(texts), DIMENSIONS), dtype=np.float32)


def test_small_jobs_and_other_encoders_stay_in_this_process() -> None:
    counting = Counting()
    out = list(encode_batches(counting, [TEXTS[:3], TEXTS[3:5]], parallel_from=0))
    assert counting.calls == 2
    assert [len(o) for o in out] == [3, 2]
