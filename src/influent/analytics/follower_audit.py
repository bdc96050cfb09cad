"""Follower-sample audit: which sampled followers look fake, and what share of the audience.

The classifier is an extra-trees forest (extremely randomised trees) trained by
`scripts/train_follower_model.py` on two public labelled sets (see docs/model-card.md) and
shipped as JSON trees, evaluated here with numpy alone. An account is flagged when its
fake probability reaches the model's cut-off, which training chose by cross-validation.
The audience share comes from the share q of accounts classified fake, by the estimator
that erred least on labelled sets the forest never saw (`analytics.fake_share`, chosen by
`scripts/evaluate_fake_share.py`); its interval uses the classifier's error rates tpr/fpr,
from (nested) cross-validation at that cut-off. A row that lacks some columns is read with fewer facts,
so each row counts with the rates measured when only its column groups are known
(`ErrorRates`, chosen by `rates_for`), and the correction uses their average over the rows:
with the same fake share p in every group of rows, E[q] = p * mean(tpr) + (1 - p) *
mean(fpr). In a file whose rows all have the same columns this is simply that profile's
rates. The pooled rates stand in for a profile the model file has no rates for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from influent.analytics.fake_share import (
    ShareEstimator,
    adjusted_share,
    load_estimator,
    share_interval,
)
from influent.analytics.follower_features import (
    FEATURES,
    CellProblem,
    feature_matrix,
    groups_per_row,
)
from influent.domain.messages import Message, MessageError, Percent, message

__all__ = [
    "FEATURES",
    "AccountVerdict",
    "AuditResult",
    "CellProblem",
    "ErrorRates",
    "FollowerModel",
    "ShareEstimator",
    "adjusted_share",
    "audit_followers",
    "audit_matrix",
    "feature_matrix",
    "load_model",
    "model_from_dict",
]


@dataclass(frozen=True, slots=True)
class ErrorRates:
    """The classifier's rates at its cut-off, and the labelled rows that measured them.

    `groups` are the column groups known when they were measured (empty for the pooled
    rates, measured on every row with whatever columns it had).
    """

    groups: frozenset[str]
    tpr: float
    fpr: float
    counts: dict[str, int]
    rows: int
    fakes: int


@dataclass(frozen=True, slots=True)
class FollowerModel:
    """A forest of binary trees; each node's `value` is its share of fake accounts."""

    trees: tuple[dict[str, npt.NDArray[Any]], ...]
    threshold: float
    pooled: ErrorRates  # measured on every row with whatever columns it had
    by_columns: dict[frozenset[str], ErrorRates]
    meta: dict[str, Any]

    @property
    def tpr(self) -> float:
        return self.pooled.tpr

    @property
    def fpr(self) -> float:
        return self.pooled.fpr

    def rates_for(self, groups: frozenset[str]) -> ErrorRates:
        """The rates measured with exactly these column groups known, else the pooled ones."""
        return self.by_columns.get(groups, self.pooled)

    def predict(
        self, x: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """P(fake) per row and each feature's contribution to it.

        Contributions follow the path decomposition of Saabas ("Interpreting random
        forests", 2014), which holds for any forest of such trees: each split credits its
        feature with the change in the node's fake share; they sum to P(fake) minus the
        forest's base rate.
        """
        # The trees were grown on float32 inputs, compared against float64 thresholds.
        x32 = x.astype(np.float32).astype(np.float64)
        n = x.shape[0]
        proba = np.zeros(n)
        contrib = np.zeros((n, len(FEATURES)))
        rows = np.arange(n)
        for tree in self.trees:
            node = np.zeros(n, dtype=np.int64)
            left, right = tree["left"], tree["right"]
            while True:
                inner = left[node] >= 0
                if not inner.any():
                    break
                idx, at = rows[inner], node[inner]
                feature = tree["feature"][at]
                value = x32[idx, feature]
                go_left = np.where(
                    np.isnan(value), tree["missing_left"][at] == 1, value <= tree["threshold"][at]
                )
                child = np.where(go_left, left[at], right[at])
                np.add.at(contrib, (idx, feature), tree["value"][child] - tree["value"][at])
                node[idx] = child
            proba += tree["value"][node]
        return proba / len(self.trees), contrib / len(self.trees)


def model_from_dict(data: Mapping[str, Any]) -> FollowerModel:
    """A model from its JSON form (the file the training script writes)."""
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("the follower model was trained on other features; retrain it")
    trees = tuple(
        {
            "feature": np.array(t["feature"], dtype=np.int64),
            "threshold": np.array(t["threshold"], dtype=np.float64),
            "left": np.array(t["left"], dtype=np.int64),
            "right": np.array(t["right"], dtype=np.int64),
            "missing_left": np.array(t["missing_left"], dtype=np.int64),
            "value": np.array(t["value"], dtype=np.float64),
        }
        for t in data["trees"]
    )

    def rates(entry: Mapping[str, Any], groups: Sequence[str]) -> ErrorRates:
        counts = {k: int(entry[k]) for k in ("tp", "fn", "fp", "tn")}
        return ErrorRates(
            groups=frozenset(groups),
            tpr=float(entry["tpr"]),
            fpr=float(entry["fpr"]),
            counts=counts,
            rows=sum(counts.values()),
            fakes=counts["tp"] + counts["fn"],
        )

    by_columns = [rates(r, r["columns"]) for r in data.get("error_rates_by_columns", [])]
    return FollowerModel(
        trees=trees,
        threshold=float(data["threshold"]),
        pooled=rates(data["error_rates"], ()),
        by_columns={r.groups: r for r in by_columns},
        meta={k: v for k, v in data.items() if k != "trees"},
    )


@cache
def load_model() -> FollowerModel:
    """The model shipped with the package."""
    text = (
        resources.files("influent.analytics")
        .joinpath("models/follower_audit.json")
        .read_text(encoding="utf-8")
    )
    return model_from_dict(json.loads(text))


_REASONS: dict[str, str] = {
    "log_posts": "posts",
    "log_followers": "followers",
    "log_following": "following",
    "log_following_per_follower": "following_ratio",
}


def _reason(feature: str, raw: Mapping[str, float]) -> Message:
    """A feature's value as a message ("follower.*" codes)."""
    name = _REASONS.get(feature, feature)
    posts, followers, following = raw.get("posts"), raw.get("followers"), raw.get("following")
    match name:
        case "posts":
            if posts == 0:
                return message("follower.never_posted")
            return message("follower.posts", count=round(posts or 0))
        case "followers":
            return message("follower.followers", count=round(followers or 0))
        case "following":
            return message("follower.follows", count=round(following or 0))
        case "following_ratio":
            return message(
                "follower.follows_for",
                follows=message("follower.follows", count=round(following or 0)),
                followers=message("follower.followers", count=round(followers or 0)),
            )
        case "has_profile_picture":
            return message("follower.picture" if raw[name] else "follower.no_picture")
        case "is_private":
            return message("follower.private" if raw[name] else "follower.public")
        case "username_digit_ratio":
            return message("follower.username_digits", share=Percent(raw[name], 0))
        case "username_length":
            return message("follower.username_length", count=round(raw[name]))
        case "biography_length":
            if not raw[name]:
                return message("follower.no_biography")
            return message("follower.biography_length", count=round(raw[name]))
        case "has_external_url":
            return message("follower.link" if raw[name] else "follower.no_link")
        case "full_name_words":
            if not raw[name]:
                return message("follower.no_full_name")
            return message("follower.full_name_words", count=round(raw[name]))
        case "full_name_digit_ratio":
            return message("follower.full_name_digits", share=Percent(raw[name], 0))
        case _:
            return message(
                "follower.full_name_is_username" if raw[name] else "follower.full_name_differs"
            )


# Extra-trees forest per account; the share by the estimator that held best on labelled
# sets the forest never saw (analytics.fake_share).
METHOD = message("follower.method")


@dataclass(frozen=True, slots=True)
class AccountVerdict:
    row: int
    fake_probability: float
    is_fake: bool
    reasons: tuple[Message, ...]
    # The follower's username, when the file has a username column.
    username: str | None = None


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Per-account verdicts and the audience's estimated fake share with its 95% interval."""

    accounts: tuple[AccountVerdict, ...]
    fake_share: float
    interval: tuple[float, float]
    classified_share: float
    rates: tuple[tuple[float, ErrorRates], ...]  # (share of the rows, rates), largest first
    problems: tuple[CellProblem, ...]
    skipped_rows: tuple[int, ...]
    method: Message = METHOD

    @property
    def tpr(self) -> float:
        """The rates the correction used: each column profile's, weighted by its rows."""
        return sum(w * r.tpr for w, r in self.rates)

    @property
    def fpr(self) -> float:
        return sum(w * r.fpr for w, r in self.rates)

    def to_json(self, say: Callable[[Message], str]) -> dict[str, object]:
        """The documented JSON shape; `say` writes each reason (a face's translator)."""
        return {
            "accounts": [
                {
                    "row": a.row,
                    "username": a.username,
                    "fake_probability": a.fake_probability,
                    "is_fake": a.is_fake,
                    "reasons": [say(r) for r in a.reasons],
                }
                for a in self.accounts
            ],
            "fake_share": self.fake_share,
            "interval": [self.interval[0], self.interval[1]],
        }


def audit_followers(
    rows: Sequence[Mapping[str, object]],
    *,
    model: FollowerModel | None = None,
    estimator: ShareEstimator | None = None,
) -> AuditResult:
    """Score each sampled follower and estimate the audience's fake share.

    Rows are numbered from 1. Cells that cannot be read are treated as unknown and listed
    in `problems`; rows with no usable fact at all are left out and listed in
    `skipped_rows`. Raises MessageError (a ValueError) when there is nothing to audit.
    """
    if not rows:
        raise MessageError("follower.error.empty")
    x, facts, problems = feature_matrix(rows)
    return audit_matrix(x, facts, problems, model=model, estimator=estimator)


def audit_matrix(
    x: npt.NDArray[np.float64],
    facts: Sequence[Mapping[str, float]],
    problems: Sequence[CellProblem] = (),
    *,
    model: FollowerModel | None = None,
    estimator: ShareEstimator | None = None,
) -> AuditResult:
    """`audit_followers` on rows already turned into features (see `feature_matrix`)."""
    model = model or load_model()
    estimator = estimator or load_estimator()
    usable = [not bool(np.isnan(row).all()) for row in x]
    if not any(usable):
        raise MessageError("follower.error.no_column")
    known = x[np.array(usable)]
    proba, contrib = model.predict(known)
    # An unknown feature still routes rows through splits; only quote what we know.
    contrib[np.isnan(known)] = 0.0
    numbers = [i + 1 for i in range(len(x)) if usable[i]]
    accounts = []
    for k, number in enumerate(numbers):
        order = np.argsort(-contrib[k])
        reasons = tuple(
            _reason(FEATURES[j], facts[number - 1]) for j in order[:3] if contrib[k, j] > 0.01
        )
        p = float(proba[k])
        accounts.append(AccountVerdict(number, round(p, 4), p >= model.threshold, reasons))
    flagged = sum(a.is_fake for a in accounts)
    classified = flagged / len(accounts)
    profiles = Counter(groups_per_row(known))
    mixture = tuple(
        (n / len(accounts), model.rates_for(groups)) for groups, n in profiles.most_common()
    )
    tpr = sum(w * r.tpr for w, r in mixture)
    fpr = sum(w * r.fpr for w, r in mixture)
    return AuditResult(
        accounts=tuple(accounts),
        fake_share=estimator.point(classified, tpr, fpr),
        interval=share_interval(len(accounts), flagged, mixture, estimator),
        classified_share=classified,
        rates=mixture,
        problems=tuple(problems),
        skipped_rows=tuple(i + 1 for i in range(len(x)) if not usable[i]),
    )
