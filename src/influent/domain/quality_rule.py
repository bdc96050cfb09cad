"""The rule that turns scored signals into the audience-quality score.

One entry point, `combine`: the per-creator audit and any workspace-wide computation give it
the same signals and get the same score. See docs/vetting.md, "Provisional scores".
"""

from __future__ import annotations

from dataclasses import dataclass

from influent.domain.messages import Message, Percent, message

__all__ = [
    "MIN_SIGNALS",
    "POD_FLAG",
    "PRIOR",
    "PROVISIONAL_MISSING",
    "STATED_CREDIT",
    "TOTAL_WEIGHT",
    "WEIGHTS",
    "MissingSignal",
    "QualityScore",
    "Signal",
    "combine",
]

WEIGHTS: dict[str, float] = {
    "engagement_vs_tier": 25,
    "fake_followers": 20,
    "growth_anomalies": 15,
    "comment_authenticity": 15,
    "comments_to_likes": 10,
    "following_ratio": 10,
    "posting_regularity": 5,
}
TOTAL_WEIGHT = sum(WEIGHTS.values())
# Without a single signal (or a follower count) there is nothing to score: it is withheld.
MIN_SIGNALS = 1
# A figure stated in a file or typed in is worth half a measured one: nobody checked it.
STATED_CREDIT = 0.5
# More than this share of the weight missing makes the score provisional.
PROVISIONAL_MISSING = 1 / 3
# What a missing signal counts as in a provisional score: the middle of the band.
PRIOR = 0.5
# The flag of engagement far above the tier with comments that look like a pod's.
POD_FLAG = "engagement_pod"


@dataclass(frozen=True, slots=True)
class Signal:
    """A scored signal: its input, what it is compared with, and a sentence saying both.

    `weight` is what the signal counts for (its full weight, or STATED_CREDIT of it when
    `stated`); `flag` names what is wrong when it did not earn full points.
    """

    name: str
    value: float
    benchmark: Message
    weight: float
    points: float
    sentence: Message
    stated: bool = False
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class MissingSignal:
    name: str
    weight: float
    reason: Message


@dataclass(frozen=True, slots=True)
class QualityScore:
    """The score, or None with what is missing; and the signals that made it.

    `confidence` is the share of the total weight present (stated signals at their
    credit); `low`–`high` is the score if every missing signal earned nothing, or
    everything; `rank` is what a list ranked by quality sorts on (the score, or `low` when
    provisional); `flags` name the signals that lost points, `worst` the one that lost most.
    """

    score: int | None
    signals: tuple[Signal, ...]
    missing: tuple[MissingSignal, ...]
    weight_used: float
    note: Message
    provisional: bool = False
    confidence: float = 0.0
    low: int | None = None
    high: int | None = None
    rank: float | None = None
    flags: tuple[str, ...] = ()
    worst: str | None = None


def combine(
    signals: tuple[Signal, ...],
    missing: tuple[MissingSignal, ...],
    *,
    followers_known: bool = True,
) -> QualityScore:
    """The score from scored signals: the one rule, for one creator or a whole workspace."""
    weight_used = sum(s.weight for s in signals)
    names = tuple(message(f"quality.signal.{m.name}") for m in missing)
    stated = tuple(message(f"quality.signal.{s.name}") for s in signals if s.stated)
    confidence = weight_used / TOTAL_WEIGHT
    flagged = [s for s in signals if s.flag]
    flags = tuple(s.flag for s in flagged if s.flag)
    worst = max(flagged, key=lambda s: s.weight - s.points).flag if flagged else None
    if len(signals) < MIN_SIGNALS or not followers_known:
        note = message(
            "quality.note.withheld",
            count=len(signals),
            total=len(WEIGHTS),
            needed=MIN_SIGNALS,
            names=names,
        )
        return QualityScore(None, signals, missing, weight_used, note, confidence=confidence)
    earned = sum(s.points for s in signals)
    absent = TOTAL_WEIGHT - weight_used
    low, high = 100 * earned / TOTAL_WEIGHT, 100 * (earned + absent) / TOTAL_WEIGHT
    provisional = absent > PROVISIONAL_MISSING * TOTAL_WEIGHT + 1e-9
    if provisional:
        exact = 100 * (earned + PRIOR * absent) / TOTAL_WEIGHT
        score = round(exact)
        note = message(
            "quality.note.provisional",
            score=score,
            count=len(signals),
            total=len(WEIGHTS),
            confidence=Percent(confidence, 0),
            low=round(low),
            high=round(high),
            names=names,
            prior=Percent(PRIOR, 0),
        )
        rank = low
    else:
        score = round(100 * earned / weight_used)
        rank = 100 * earned / weight_used
        if missing:
            note = message(
                "quality.note.shared",
                names=names,
                weight=sum(m.weight for m in missing),
                count=len(signals),
            )
        else:
            note = message("quality.note.complete")
    if stated:
        note = message("quality.note.with_stated", note=note, names=stated)
    return QualityScore(
        score,
        signals,
        missing,
        weight_used,
        note,
        provisional=provisional,
        confidence=confidence,
        low=round(low),
        high=round(high),
        rank=rank,
        flags=flags,
        worst=worst,
    )
