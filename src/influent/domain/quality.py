"""The audience-quality score: 0–100, built from signals that each explain themselves.

Each signal turns one fact into a sub-score between 0 and 1 through a documented band,
and earns `weight x sub-score` points. A signal read from a figure the user stated (a
spreadsheet, a form) rather than measured counts for STATED_CREDIT of its weight.
`combine` turns the signals into the score (docs/vetting.md, "Provisional scores"):

- with at least two thirds of the weight present, 100 x points / weight present (a
  missing signal's weight is shared among the others, and the result says so);
- with more missing, the score is provisional: the missing weight counts as PRIOR
  (middling), the range runs from "every missing signal at 0" to "every one full", and a
  list ranked by quality places it by the bottom of that range.

Every band is monotone: a worse input never earns more points, which the tests check
property by property.
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
    Z_P90,
    authenticity_band,
    comments_to_likes_band,
    engagement_band,
    fake_band,
    following_band,
    growth_band,
    pod_severity,
    regularity_band,
)
from influent.domain.quality_rule import (
    MIN_SIGNALS,
    POD_FLAG,
    PRIOR,
    PROVISIONAL_MISSING,
    STATED_CREDIT,
    WEIGHTS,
    MissingSignal,
    QualityScore,
    Signal,
    combine,
)

__all__ = [
    "MIN_SIGNALS",
    "POD_FLAG",
    "PRIOR",
    "PROVISIONAL_MISSING",
    "STATED_CREDIT",
    "WEIGHTS",
    "CommentAuthenticity",
    "Locale",
    "MissingSignal",
    "QualityFacts",
    "QualityScore",
    "Signal",
    "combine",
    "comment_authenticity",
    "format_count",
    "format_percent",
    "quality_score",
    "signals_of",
]

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
    # Which figures were stated (a file, a form) rather than measured: "followers",
    # "following", "engagement".
    stated: frozenset[str] = frozenset()


_Outcome = Signal | MissingSignal


def _missing(name: str, code: str, **params: object) -> MissingSignal:
    return MissingSignal(name, WEIGHTS[name], Message(f"quality.missing.{code}", params))


def _signal(
    name: str,
    value: float,
    benchmark: Message,
    sub: float,
    sentence: Message,
    *,
    stated: bool = False,
    flag: str | None = None,
) -> Signal:
    weight = WEIGHTS[name] * (STATED_CREDIT if stated else 1.0)
    return Signal(
        name,
        value,
        benchmark,
        weight,
        weight * sub,
        sentence,
        stated=stated,
        flag=(flag or name) if sub < 1 else None,
    )


def _generic_share(facts: QualityFacts) -> float | None:
    if facts.comment_texts is None:
        return None
    found = comment_authenticity(facts.comment_texts)
    return found.suspicious_share if found.total >= MIN_COMMENTS else None


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
    sub = engagement_band(place.z)
    verdict: Message | str = ""
    flag: str | None = None
    multiple = Figure(er.value / b.median_er, 1)
    if place.z < -1:
        verdict = message("quality.engagement.low")
    elif place.z > Z_P90:
        # Far above the tier: full points only without other signs; with a pod's comments
        # the engagement earns nothing, in proportion to how sure those signs are.
        generic = _generic_share(facts)
        severity = pod_severity(generic, facts.comments_to_likes)
        sub *= 1 - severity
        verdict = message("quality.engagement.high", multiple=multiple)
        if severity > 0:
            flag = POD_FLAG
            ctl = facts.comments_to_likes
            if generic is not None and generic > 0.2:
                verdict = message(
                    "quality.engagement.pod.comments", multiple=multiple, share=Percent(generic, 0)
                )
            elif ctl is not None:
                verdict = message(
                    "quality.engagement.pod.ratio",
                    multiple=multiple,
                    ratio=Percent(ctl, 1),
                    low=Percent(CTL_LOW, 1),
                    high=Percent(CTL_HIGH, 0),
                )
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
    stated = "engagement" in facts.stated
    return _signal(name, er.value, benchmark, sub, sentence, stated=stated, flag=flag)


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
        follows=message("quality.follows", count=facts.following),
        followers=message("quality.followers", count=facts.followers),
        ratio=Figure(ratio, 2),
    )
    benchmark = message("quality.following.benchmark", ordinary=1, zero=5)
    stated = bool({"following", "followers"} & facts.stated)
    return _signal(name, ratio, benchmark, following_band(ratio), sentence, stated=stated)


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


def signals_of(facts: QualityFacts) -> tuple[tuple[Signal, ...], tuple[MissingSignal, ...]]:
    """Each signal measured from the facts, and the ones that could not be."""
    outcomes = [signal(facts) for signal in _SIGNALS]
    signals = tuple(o for o in outcomes if isinstance(o, Signal))
    missing = tuple(o for o in outcomes if isinstance(o, MissingSignal))
    return signals, missing


def quality_score(facts: QualityFacts) -> QualityScore:
    """Score the facts; withhold the score without a signal or a follower count."""
    signals, missing = signals_of(facts)
    return combine(signals, missing, followers_known=facts.followers is not None)
