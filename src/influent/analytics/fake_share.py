"""The audience's fake share from the accounts the forest flags, and its 95% interval.

Which estimator the audit uses, and how far its interval is widened, were chosen by
`scripts/evaluate_fake_share.py`: leave-one-set-out, the forest trained on all labelled sets
but one and audiences drawn from the one left out at known fake shares (see
docs/model-card.md). Its choice is stored in `models/fake_share.json`:

- `cc`: the share of accounts flagged at the model's cut-off (classify and count);
- `acc`: adjusted classify-and-count (Forman, "Quantifying counts and costs via
  classification", Data Mining and Knowledge Discovery 17, 2008),
  p = (q - fpr) / (tpr - fpr), clipped to [0, 1];
- `cc+acc`: their average.

The interval is a parametric bootstrap of the estimator (the flagged count binomial in the
sample, tpr and fpr from Beta posteriors of the counts that measured them), joined with the
shares that the flagged share allows when the audience's own tpr and fpr differ from the
measured ones by as much as they did between labelled sets (the shifts measured for the
file's column profile, weighted by its rows like the rates).
Error rates that hold on the labelled sets need not hold on a user's audience; the second
part is what makes the interval cover the truth on sets the forest never saw.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Protocol

import numpy as np
import numpy.typing as npt

__all__ = [
    "ESTIMATORS",
    "MIN_SEPARATION",
    "Rates",
    "ShareEstimator",
    "adjusted_share",
    "load_estimator",
    "share_interval",
]

ESTIMATORS = ("cc", "acc", "cc+acc")

# When the columns read catch fakes barely more often than they flag real accounts
# (tpr - fpr below this), a sample says next to nothing about the share: the interval is
# then the whole range rather than a bootstrap around a meaningless correction.
MIN_SEPARATION = 0.1


class Rates(Protocol):
    """Error rates at the cut-off, the counts (tp, fn, fp, tn) that measured them, and the
    column groups known when they were measured (empty: every row with its own columns)."""

    @property
    def groups(self) -> frozenset[str]: ...

    @property
    def tpr(self) -> float: ...

    @property
    def fpr(self) -> float: ...

    @property
    def counts(self) -> dict[str, int]: ...


@dataclass(frozen=True, slots=True)
class ShareEstimator:
    """The estimator chosen by the leave-one-set-out evaluation, and its interval's widening.

    `shifts` holds, per column profile evaluated, how far the audience's tpr and fpr may
    differ from the measured ones; `tpr_shift` and `fpr_shift` (the largest measured) stand
    in for the other profiles.
    """

    name: str
    tpr_shift: float
    fpr_shift: float
    shifts: Mapping[frozenset[str], tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.name not in ESTIMATORS:
            raise RuntimeError(f"unknown fake-share estimator {self.name!r}")

    def estimate(
        self,
        classified: npt.NDArray[np.float64],
        tpr: npt.NDArray[np.float64],
        fpr: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """The share for each flagged share `classified` under the rates given beside it."""
        spread = tpr - fpr
        safe = np.where(spread > 0, spread, 1.0)
        adjusted = np.where(spread > 0, np.clip((classified - fpr) / safe, 0, 1), classified)
        if self.name == "cc":
            return classified
        if self.name == "acc":
            return adjusted
        return (classified + adjusted) / 2

    def shift_for(self, groups: frozenset[str]) -> tuple[float, float]:
        """How far tpr and fpr may differ on an audience read with these column groups."""
        return self.shifts.get(groups, (self.tpr_shift, self.fpr_shift))

    def point(self, classified: float, tpr: float, fpr: float) -> float:
        one = np.array([classified])
        return float(self.estimate(one, np.array([tpr]), np.array([fpr]))[0])


@cache
def load_estimator() -> ShareEstimator:
    """The estimator shipped with the package (models/fake_share.json)."""
    text = (
        resources.files("influent.analytics")
        .joinpath("models/fake_share.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    shifts = {
        frozenset(entry["columns"]): (float(entry["tpr_shift"]), float(entry["fpr_shift"]))
        for entry in data["shifts"]
    }
    return ShareEstimator(
        data["estimator"], float(data["tpr_shift"]), float(data["fpr_shift"]), shifts
    )


def adjusted_share(classified_share: float, tpr: float, fpr: float) -> float:
    """Adjusted classify-and-count (Forman 2008), clipped to [0, 1]."""
    if tpr <= fpr:
        return classified_share
    return min(1.0, max(0.0, (classified_share - fpr) / (tpr - fpr)))


def share_interval(
    n: int,
    flagged: int,
    mixture: Sequence[tuple[float, Rates]],
    estimator: ShareEstimator,
    *,
    draws: int = 4000,
    seed: int = 0,
) -> tuple[float, float]:
    """The 95% interval of the audience's fake share.

    Rows of different column profiles: each profile's rates are drawn from its own
    posteriors and weighted by its share of the rows.
    """
    tpr_mean = sum(w * r.tpr for w, r in mixture)
    fpr_mean = sum(w * r.fpr for w, r in mixture)
    if tpr_mean - fpr_mean < MIN_SEPARATION:
        return 0.0, 1.0
    rng = np.random.default_rng(seed)
    q = rng.binomial(n, flagged / n, size=draws) / n
    tpr, fpr = np.zeros(draws), np.zeros(draws)
    for weight, rates in mixture:
        c = rates.counts
        tpr += weight * rng.beta(c["tp"] + 1, c["fn"] + 1, size=draws)
        fpr += weight * rng.beta(c["fp"] + 1, c["tn"] + 1, size=draws)
    low, high = np.percentile(estimator.estimate(q, tpr, fpr), [2.5, 97.5])
    tpr_shift = sum(w * estimator.shift_for(r.groups)[0] for w, r in mixture)
    fpr_shift = sum(w * estimator.shift_for(r.groups)[1] for w, r in mixture)
    if tpr_shift == 0 and fpr_shift == 0:
        return float(low), float(high)
    # The audience's own rates may differ from the measured ones: the lowest share comes
    # with the highest rates and the fewest flags, the highest share with the lowest. The
    # flagged share's bounds come from its Jeffreys posterior, so that a sample with no
    # account flagged (or every one) still has room on its open side.
    posterior = rng.beta(flagged + 0.5, n - flagged + 0.5, size=draws)
    q_low, q_high = np.percentile(posterior, [2.5, 97.5])
    t_high, f_high = min(tpr_mean + tpr_shift, 1.0), min(fpr_mean + fpr_shift, 1.0)
    t_low, f_low = max(tpr_mean - tpr_shift, 0.0), max(fpr_mean - fpr_shift, 0.0)
    shifted_low = adjusted_share(q_low, t_high, f_high) if t_high > f_high else 0.0
    shifted_high = adjusted_share(q_high, t_low, f_low) if t_low > f_low else 1.0
    return float(min(low, shifted_low)), float(max(high, shifted_high))
