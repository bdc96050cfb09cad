"""The audience-quality score: 0–100, built from signals that each explain themselves.

Each signal turns one fact into a sub-score between 0 and 1 through a documented band,
and earns `weight x sub-score` points. The score is 100 x points / weight of the signals
present, so a missing signal's weight is shared among the others in proportion, and the
result lists what was missing. Every band is monotone: a worse input never earns more
points, which the tests check property by property.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from influent.domain.benchmarks import Benchmark, NoBenchmark, TierPercentile, percentile_in_tier
from influent.domain.comments import CommentAuthenticity, comment_authenticity
from influent.domain.formatting import Locale, format_count, format_percent
from influent.domain.messages import Figure, Message, Ordinal, Percent, message
from influent.domain.metrics import EngagementBasis, EngagementRate, FollowerEvent
from influent.domain.platforms import Platform
from influent.domain.quality_bands import (
    CTL_HIGH,
    CTL_LOW,
    authenticity_band,
    comments_to_likes_band,
    engagement_band,
    fake_band,
    following_band,
    growth_band,
    regularity_band,
)

__all__ = [
    "MIN_SIGNALS",
    "WEIGHTS",
    "CommentAuthenticity",
    "Locale",
    "MissingSignal",
    "QualityFacts",
    "QualityScore",
    "Signal",
    "comment_authenticity",
    "format_count",
    "format_percent",
    "quality_score",
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
# Below this many signals the score would rest on too little; it is withheld instead.
MIN_SIGNALS = 3
MIN_COMMENTS = 10


# --- the score -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QualityFacts:
    """What is known about an account; None means unknown, never zero.

    `follower_events` is None when the follower history was not analysed and an empty
    tuple when it was and nothing abnormal was found.
    """

    platform: Platform
    followers: int | None
    following: int | None = None
    engagement: EngagementRate | None = None
    follower_events: tuple[FollowerEvent, ...] | None = None
    comments_to_likes: float | None = None
    comment_texts: tuple[str, ...] | None = None
    posting_gap_cv: float | None = None
    fake_share: float | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """A scored signal: its input, what it is compared with, and a sentence saying both."""

    name: str
    value: float
    benchmark: Message
    weight: float
    points: float
    sentence: Message


@dataclass(frozen=True, slots=True)
class MissingSignal:
    name: str
    weight: float
    reason: Message


@dataclass(frozen=True, slots=True)
class QualityScore:
    """The score, or None with what is missing; and the signals that made it."""

    score: int | None
    signals: tuple[Signal, ...]
    missing: tuple[MissingSignal, ...]
    weight_used: float
    note: Message


_Outcome = Signal | MissingSignal


def _missing(name: str, code: str, **params: object) -> MissingSignal:
    return MissingSignal(name, WEIGHTS[name], Message(f"quality.missing.{code}", params))


def _signal(name: str, value: float, benchmark: Message, sub: float, sentence: Message) -> Signal:
    return Signal(name, value, benchmark, WEIGHTS[name], WEIGHTS[name] * sub, sentence)


def _range(b: Benchmark) -> Message:
    if b.followers_max is None:
        return message("quality.range.open", low=b.followers_min)
    return message("quality.range", low=b.followers_min, high=b.followers_max)


def _engagement(facts: QualityFacts) -> _Outcome:
    name = "engagement_vs_tier"
    er = facts.engagement
    if er is None or er.value is None:
        return _missing(name, "engagement")
    if er.basis is not EngagementBasis.FOLLOWERS:
        return _missing(name, "per_follower_benchmark")
    place = percentile_in_tier(er.value, facts.platform, facts.followers)
    if isinstance(place, NoBenchmark):
        return MissingSignal(name, WEIGHTS[name], place.reason)
    assert isinstance(place, TierPercentile)
    b = place.benchmark
    verdict: Message | str = ""
    if place.z < -1:
        verdict = message("quality.engagement.low")
    elif place.z > 2:
        verdict = message("quality.engagement.high")
    median = Percent(b.median_er, 2)
    sentence = message(
        "quality.engagement",
        rate=Percent(er.value, 2),
        percentile=Ordinal(round(place.percentile)),
        range=_range(b),
        median=median,
        verdict=verdict,
    )
    benchmark = message("quality.engagement.benchmark", median=median, source=b.source)
    return _signal(name, er.value, benchmark, engagement_band(place.z), sentence)


def _growth(facts: QualityFacts) -> _Outcome:
    name = "growth_anomalies"
    if facts.follower_events is None:
        return _missing(name, "history")
    spikes = sum(e.change_pct for e in facts.follower_events if e.change > 0)
    drops = sum(-e.change_pct for e in facts.follower_events if e.change < 0)
    anomaly = spikes + 0.5 * drops
    sentence = message(
        "quality.growth",
        count=len(facts.follower_events),
        gained=Percent(spikes, 1),
        lost=Percent(drops, 1),
    )
    benchmark = message("quality.growth.benchmark", ordinary=Percent(0, 0), zero=Percent(0.1, 0))
    return _signal(name, anomaly, benchmark, growth_band(anomaly), sentence)


def _comments_to_likes(facts: QualityFacts) -> _Outcome:
    name = "comments_to_likes"
    ratio = facts.comments_to_likes
    if ratio is None:
        return _missing(name, "comments_to_likes")
    sentence = message(
        "quality.comments_to_likes",
        ratio=Percent(ratio, 2),
        low=Percent(CTL_LOW, 1),
        high=Percent(CTL_HIGH, 0),
    )
    benchmark = message("quality.span", low=Percent(CTL_LOW, 1), high=Percent(CTL_HIGH, 0))
    return _signal(name, ratio, benchmark, comments_to_likes_band(ratio), sentence)


def _authenticity(facts: QualityFacts) -> _Outcome:
    name = "comment_authenticity"
    if facts.comment_texts is None:
        return _missing(name, "comments")
    found = comment_authenticity(facts.comment_texts)
    if found.total < MIN_COMMENTS:
        return _missing(name, "few_comments", count=MIN_COMMENTS)
    share = found.suspicious_share
    sentence = message("quality.authenticity", share=Percent(share, 0), count=found.total)
    benchmark = message("quality.authenticity.benchmark", ordinary=Percent(0.2, 0))
    return _signal(name, share, benchmark, authenticity_band(share), sentence)


def _following(facts: QualityFacts) -> _Outcome:
    name = "following_ratio"
    if facts.following is None or not facts.followers:
        return _missing(name, "following")
    ratio = facts.following / facts.followers
    sentence = message(
        "quality.following",
        following=facts.following,
        followers=facts.followers,
        ratio=Figure(ratio, 2),
    )
    benchmark = message("quality.following.benchmark", ordinary=1, zero=5)
    return _signal(name, ratio, benchmark, following_band(ratio), sentence)


def _regularity(facts: QualityFacts) -> _Outcome:
    name = "posting_regularity"
    cv = facts.posting_gap_cv
    if cv is None:
        return _missing(name, "dated_posts")
    sentence = message("quality.regularity", cv=Figure(cv, 2), random=1)
    benchmark = message("quality.regularity.benchmark", ordinary=1)
    return _signal(name, cv, benchmark, regularity_band(cv), sentence)


def _fake(facts: QualityFacts) -> _Outcome:
    name = "fake_followers"
    share = facts.fake_share
    if share is None:
        return _missing(name, "audit")
    sentence = message("quality.fake", share=Percent(share, 0))
    benchmark = message("quality.fake.benchmark", ordinary=Percent(0.1, 0), zero=Percent(0.5, 0))
    return _signal(name, share, benchmark, fake_band(share), sentence)


_SIGNALS: tuple[Callable[[QualityFacts], _Outcome], ...] = (
    _engagement,
    _fake,
    _growth,
    _authenticity,
    _comments_to_likes,
    _following,
    _regularity,
)


def quality_score(facts: QualityFacts) -> QualityScore:
    """Score the facts; withhold the score when fewer than MIN_SIGNALS are present."""
    outcomes = [signal(facts) for signal in _SIGNALS]
    signals = tuple(o for o in outcomes if isinstance(o, Signal))
    missing = tuple(o for o in outcomes if isinstance(o, MissingSignal))
    weight_used = sum(s.weight for s in signals)
    names = tuple(message(f"quality.signal.{m.name}") for m in missing)
    if len(signals) < MIN_SIGNALS or facts.followers is None:
        note = message(
            "quality.note.withheld",
            count=len(signals),
            total=len(WEIGHTS),
            needed=MIN_SIGNALS,
            names=names,
        )
        return QualityScore(None, signals, missing, weight_used, note)
    score = round(100 * sum(s.points for s in signals) / weight_used)
    if missing:
        note = message(
            "quality.note.shared",
            names=names,
            weight=sum(m.weight for m in missing),
            count=len(signals),
        )
    else:
        note = message("quality.note.complete")
    return QualityScore(score, signals, missing, weight_used, note)
