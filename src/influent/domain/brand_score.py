"""The shortlist's combined score: each part in [0, 1], weighted, missing parts said.

score = Σ weight·part / Σ weight, where the sums run over every part the ranking uses and a
missing part adds nothing to the top sum. Missing parts are listed beside the score, never
replaced by an average: a creator with no engagement figure has less evidence of fit, and
the score says so. Because every creator shares the same denominator, raising the weight of
one part can only move a creator up relative to the creators it leads on that part (a
property test checks this).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["DEFAULT_WEIGHTS", "PARTS", "Combined", "combine", "reach_part"]

PARTS = ("fit", "quality", "engagement", "reach", "language", "country", "budget", "safety")
DEFAULT_WEIGHTS: dict[str, float] = {
    "fit": 4.0,
    "quality": 2.0,
    "engagement": 1.5,
    "reach": 1.0,
    "language": 1.0,
    "country": 1.0,
    "budget": 1.0,
    "safety": 2.0,
}


@dataclass(frozen=True, slots=True)
class Combined:
    score: float
    parts: dict[str, float | None]
    missing: tuple[str, ...]


def combine(parts: Mapping[str, float | None], weights: Mapping[str, float]) -> Combined:
    """The weighted score over `weights`' parts; a part absent or None counts as missing."""
    total = sum(max(0.0, w) for w in weights.values())
    if total <= 0:
        return Combined(0.0, {k: parts.get(k) for k in weights}, ())
    top = 0.0
    missing: list[str] = []
    for name, weight in weights.items():
        value = parts.get(name)
        if value is None:
            missing.append(name)
            continue
        top += max(0.0, weight) * min(1.0, max(0.0, value))
    return Combined(top / total, {k: parts.get(k) for k in weights}, tuple(missing))


def reach_part(followers: int | None) -> float | None:
    """Audience size on a log scale: 1,000 followers is 0, 10 million is 1."""
    if followers is None:
        return None
    if followers <= 1_000:
        return 0.0
    return min(1.0, (math.log10(followers) - 3) / 4)
