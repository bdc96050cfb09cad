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

from babel.numbers import format_decimal

from influent.domain.benchmarks import Benchmark, NoBenchmark, TierPercentile, percentile_in_tier
from influent.domain.comments import CommentAuthenticity, comment_authenticity
from influent.domain.formatting import Locale, format_count, format_percent
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
    name: str
    value: float
    benchmark: str
    weight: float
    points: float
    sentence_en: str
    sentence_fr: str
    benchmark_fr: str = ""

    def benchmark_in(self, locale: str) -> str:
        """The benchmark as written for `locale` ('en' or 'fr')."""
        return self.benchmark_fr if locale == "fr" and self.benchmark_fr else self.benchmark


@dataclass(frozen=True, slots=True)
class MissingSignal:
    name: str
    weight: float
    reason_en: str
    reason_fr: str


@dataclass(frozen=True, slots=True)
class QualityScore:
    """The score, or None with what is missing; and the signals that made it."""

    score: int | None
    signals: tuple[Signal, ...]
    missing: tuple[MissingSignal, ...]
    weight_used: float
    note_en: str
    note_fr: str


_Outcome = Signal | MissingSignal


def _missing(name: str, en: str, fr: str) -> MissingSignal:
    return MissingSignal(name, WEIGHTS[name], en, fr)


def _signal(
    name: str, value: float, benchmark: tuple[str, str], sub: float, en: str, fr: str
) -> Signal:
    """A scored signal; `benchmark` is the comparison written in English and in French."""
    bench_en, bench_fr = benchmark
    return Signal(name, value, bench_en, WEIGHTS[name], WEIGHTS[name] * sub, en, fr, bench_fr)


def _range(b: Benchmark, locale: Locale) -> str:
    low = format_count(b.followers_min, locale)
    if b.followers_max is None:
        return f"{low}+ followers" if locale == "en" else f"{low} abonnés et plus"
    high = format_count(b.followers_max, locale)
    return f"{low}–{high} followers" if locale == "en" else f"{low}–{high} abonnés"


def _engagement(facts: QualityFacts) -> _Outcome:
    name = "engagement_vs_tier"
    er = facts.engagement
    if er is None or er.value is None:
        return _missing(name, "engagement rate unknown", "taux d'engagement inconnu")
    if er.basis is not EngagementBasis.FOLLOWERS:
        return _missing(
            name,
            "no per-follower benchmark for this platform",
            "pas de référence par abonné pour cette plateforme",
        )
    place = percentile_in_tier(er.value, facts.platform, facts.followers)
    if isinstance(place, NoBenchmark):
        return _missing(name, place.reason, "pas de référence pour cette plateforme ou taille")
    assert isinstance(place, TierPercentile)
    sub = engagement_band(place.z)
    b = place.benchmark
    verdict_en, verdict_fr = "", ""
    if place.z < -1:
        verdict_en, verdict_fr = (
            " — low: a sleeping or bought audience",
            " — faible : audience endormie ou achetée",
        )
    elif place.z > 2:
        verdict_en, verdict_fr = (
            " — unusually high: possible engagement pods",
            " — anormalement élevé : possibles pods d'engagement",
        )
    en = (
        f"Engagement {format_percent(er.value, 'en', digits=2)} is at the "
        f"{place.percentile:.0f}th percentile for {_range(b, 'en')} "
        f"(median {format_percent(b.median_er, 'en', digits=2)}){verdict_en}."
    )
    fr = (
        f"Engagement de {format_percent(er.value, 'fr', digits=2)} : {place.percentile:.0f}e "
        f"centile pour {_range(b, 'fr')} "
        f"(médiane {format_percent(b.median_er, 'fr', digits=2)}){verdict_fr}."
    )
    return _signal(
        name,
        er.value,
        (
            f"median {format_percent(b.median_er, 'en', digits=2)} ({b.source})",
            f"médiane {format_percent(b.median_er, 'fr', digits=2)} ({b.source})",
        ),
        sub,
        en,
        fr,
    )


def _growth(facts: QualityFacts) -> _Outcome:
    name = "growth_anomalies"
    if facts.follower_events is None:
        return _missing(name, "follower history not analysed", "historique d'abonnés non analysé")
    spikes = sum(e.change_pct for e in facts.follower_events if e.change > 0)
    drops = sum(-e.change_pct for e in facts.follower_events if e.change < 0)
    anomaly = spikes + 0.5 * drops
    count = len(facts.follower_events)
    en = (
        f"{count} abnormal follower jump(s) or drop(s): "
        f"{format_percent(spikes, 'en')} gained, {format_percent(drops, 'en')} lost abnormally."
    )
    fr = (
        f"{count} hausse(s) ou baisse(s) anormale(s) d'abonnés : "
        f"{format_percent(spikes, 'fr')} gagnés, {format_percent(drops, 'fr')} perdus."
    )
    return _signal(
        name,
        anomaly,
        ("0% abnormal change; 10% scores 0", "0 % de variation anormale ; 10 % vaut 0"),
        growth_band(anomaly),
        en,
        fr,
    )


def _comments_to_likes(facts: QualityFacts) -> _Outcome:
    name = "comments_to_likes"
    ratio = facts.comments_to_likes
    if ratio is None:
        return _missing(name, "comments and likes unknown", "commentaires et likes inconnus")
    en = (
        f"{format_percent(ratio, 'en', digits=2)} comments per like "
        f"(usual: {format_percent(CTL_LOW, 'en')}–{format_percent(CTL_HIGH, 'en', digits=0)})."
    )
    fr = (
        f"{format_percent(ratio, 'fr', digits=2)} de commentaires par like "
        f"(habituel : {format_percent(CTL_LOW, 'fr')}–"
        f"{format_percent(CTL_HIGH, 'fr', digits=0)})."
    )
    return _signal(
        name,
        ratio,
        (
            f"{format_percent(CTL_LOW, 'en', digits=1)}–{format_percent(CTL_HIGH, 'en', digits=0)}",
            f"{format_percent(CTL_LOW, 'fr', digits=1)}–{format_percent(CTL_HIGH, 'fr', digits=0)}",
        ),
        comments_to_likes_band(ratio),
        en,
        fr,
    )


def _authenticity(facts: QualityFacts) -> _Outcome:
    name = "comment_authenticity"
    if facts.comment_texts is None:
        return _missing(
            name,
            "no comment sample (influent sources import-comments)",
            "aucun échantillon de commentaires (influent sources import-comments)",
        )
    found = comment_authenticity(facts.comment_texts)
    if found.total < MIN_COMMENTS:
        return _missing(
            name,
            f"fewer than {MIN_COMMENTS} comments to read",
            f"moins de {MIN_COMMENTS} commentaires à lire",
        )
    share = found.suspicious_share
    en = (
        f"{format_percent(share, 'en', digits=0)} of {found.total} comments are generic, "
        f"emoji-only or copied."
    )
    fr = (
        f"{format_percent(share, 'fr', digits=0)} des {found.total} commentaires sont génériques, "
        f"uniquement des emojis ou copiés."
    )
    return _signal(
        name,
        share,
        ("up to 20% is ordinary", "jusqu'à 20 % est courant"),
        authenticity_band(share),
        en,
        fr,
    )


def _following(facts: QualityFacts) -> _Outcome:
    name = "following_ratio"
    if facts.following is None or not facts.followers:
        return _missing(
            name, "following or follower count unknown", "abonnements ou abonnés inconnus"
        )
    ratio = facts.following / facts.followers
    en = (
        f"Follows {format_count(facts.following, 'en')} accounts for "
        f"{format_count(facts.followers, 'en')} followers (ratio {ratio:.2f})."
    )
    fr = (
        f"Suit {format_count(facts.following, 'fr')} comptes pour "
        f"{format_count(facts.followers, 'fr')} abonnés "
        f"(ratio {format_decimal(ratio, '0.00', locale='fr')})."
    )
    return _signal(
        name,
        ratio,
        ("up to 1 is ordinary; 5 scores 0", "jusqu'à 1 est courant ; 5 vaut 0"),
        following_band(ratio),
        en,
        fr,
    )


def _regularity(facts: QualityFacts) -> _Outcome:
    name = "posting_regularity"
    cv = facts.posting_gap_cv
    if cv is None:
        return _missing(name, "too few dated posts", "trop peu de publications datées")
    en = f"Gaps between posts vary by {cv:.2f} times their mean (random posting gives 1)."
    fr = (
        f"Les écarts entre publications varient de {format_decimal(cv, '0.00', locale='fr')} fois "
        f"leur moyenne (1 pour des publications au hasard)."
    )
    return _signal(
        name,
        cv,
        ("coefficient of variation up to 1", "coefficient de variation jusqu'à 1"),
        regularity_band(cv),
        en,
        fr,
    )


def _fake(facts: QualityFacts) -> _Outcome:
    name = "fake_followers"
    share = facts.fake_share
    if share is None:
        return _missing(name, "no follower audit", "pas d'audit des abonnés")
    en = f"An estimated {format_percent(share, 'en', digits=0)} of sampled followers are fake."
    fr = f"Environ {format_percent(share, 'fr', digits=0)} des abonnés échantillonnés sont faux."
    return _signal(
        name,
        share,
        ("up to 10% is ordinary; 50% scores 0", "jusqu'à 10 % est courant ; 50 % vaut 0"),
        fake_band(share),
        en,
        fr,
    )


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
    names_en = ", ".join(m.name.replace("_", " ") for m in missing)
    if len(signals) < MIN_SIGNALS or facts.followers is None:
        return QualityScore(
            None,
            signals,
            missing,
            weight_used,
            f"Not enough data for a score: {len(signals)} of {len(WEIGHTS)} signals "
            f"(at least {MIN_SIGNALS} and the follower count are needed). Missing: {names_en}.",
            f"Pas assez de données pour une note : {len(signals)} signaux sur {len(WEIGHTS)} "
            f"(il en faut au moins {MIN_SIGNALS} et le nombre d'abonnés).",
        )
    score = round(100 * sum(s.points for s in signals) / weight_used)
    if missing:
        note_en = (
            f"Missing: {names_en}; their weight ({sum(m.weight for m in missing):g} of 100) "
            f"was shared among the {len(signals)} signals present."
        )
        note_fr = (
            f"Signaux manquants : {len(missing)} ; leur poids "
            f"({sum(m.weight for m in missing):g} sur 100) a été réparti sur les "
            f"{len(signals)} signaux présents."
        )
    else:
        note_en, note_fr = "All signals present.", "Tous les signaux sont présents."
    return QualityScore(score, signals, missing, weight_used, note_en, note_fr)
