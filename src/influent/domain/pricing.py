"""The fair price of a deliverable: a range and a point value, each step explained.

price = expected engagements x cost per engagement x format factor x quality factor
(x the workspace's own re-fit). Expected engagements are the reach (followers, or median
views for YouTube) times the engagement rate (the creator's own, else the published median for
that audience size). The cost per engagement is calibrated on published benchmarks kept as
data in `data/price_benchmarks.json`, each with its source: it is the geometric mean of the
rates implied by every Instagram post anchor, and the spread of those rates gives the range.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from influent.domain.benchmarks import benchmarks
from influent.domain.messages import Message
from influent.domain.platforms import Platform

__all__ = [
    "FORMATS",
    "MIN_REFIT_DEALS",
    "Anchor",
    "Calibration",
    "PastDeal",
    "PriceEstimate",
    "PriceRequest",
    "calibration",
    "estimate_price",
    "price_position",
]

FORMATS = (
    "story",
    "post",
    "carousel",
    "reel",
    "short",
    "video_integration",
    "dedicated_video",
    "article",
    "podcast_mention",
    "live",
)


@cache
def _data() -> dict[str, Any]:
    text = (
        resources.files("influent.domain")
        .joinpath("data/price_benchmarks.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


MIN_REFIT_DEALS: int = int(_data()["refit"]["min_deals"])


@dataclass(frozen=True, slots=True)
class Anchor:
    """One published benchmark, as the cost per engagement it implies."""

    id: str
    format: str
    followers: int
    engagement_rate: float
    price: float
    source: str
    source_url: str

    @property
    def cpe(self) -> float:
        return self.price / (self.followers * self.engagement_rate)


def _median_er(followers: int) -> float:
    """HypeAuditor's median engagement rate for an audience size, interpolated.

    The published medians are per size band and fall from one band to the next, so a step
    function would expect an account just over a band's edge to engage fewer people than one
    just under it. Interpolating on log(followers) between band centres keeps the expected
    engagements (followers x rate) growing with the audience.
    """
    points: list[tuple[float, float]] = []
    for row in benchmarks():
        if row.platform is not Platform.INSTAGRAM:
            continue
        if row.followers_max is None:
            centre = row.followers_min * 3.0
        elif row.followers_min == 0:
            centre = row.followers_max / 2
        else:
            centre = math.sqrt(row.followers_min * row.followers_max)
        points.append((math.log(centre), math.log(row.median_er)))
    if not points:
        return float(_data()["platforms"]["instagram"]["default_engagement_rate"])
    points.sort()
    x = math.log(max(followers, 1))
    if x <= points[0][0]:
        return math.exp(points[0][1])
    for (x0, y0), (x1, y1) in pairwise(points):
        if x <= x1:
            return math.exp(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return math.exp(points[-1][1])


def _anchor(row: dict[str, Any], usd_to_eur: float) -> Anchor:
    kind = row["kind"]
    if kind == "band":
        followers = int(row["typical_followers"])
        price = (float(row["price_low"]) + float(row["price_high"])) / 2
    elif kind == "per_follower":
        followers = int(row["followers"])
        price = followers / 10_000 * float(row["usd_per_10k_followers"]) * usd_to_eur
    else:
        followers = int(row["followers"])
        price = float(row["price"])
    er = float(row.get("engagement_rate") or _median_er(followers))
    return Anchor(row["id"], row["format"], followers, er, price, row["source"], row["source_url"])


def _m(code: str, /, **params: Any) -> Message:
    return Message(code, params)


def _geomean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


@dataclass(frozen=True, slots=True)
class Calibration:
    """The rates fitted from the anchors."""

    anchors: tuple[Anchor, ...]
    post_cpe: float  # EUR per expected engagement, Instagram post
    spread: float  # geometric standard deviation of the post anchors' rates (>= 1)
    format_factors: dict[str, tuple[float, float]]


@cache
def calibration() -> Calibration:
    data = _data()
    usd_to_eur = float(data["usd_to_eur"]["rate"])
    anchors = tuple(_anchor(row, usd_to_eur) for row in data["anchors"])
    posts = [a.cpe for a in anchors if a.format == "post"]
    post_cpe = _geomean(posts)
    logs = [math.log(c / post_cpe) for c in posts]
    spread = math.exp(math.sqrt(sum(x * x for x in logs) / (len(logs) - 1)))
    factors: dict[str, tuple[float, float]] = {}
    for name, spec in data["formats"].items():
        if spec.get("from_anchors"):
            own = _geomean([a.cpe for a in anchors if a.format == name]) / post_cpe
            factors[name] = (own, own)
        else:
            factors[name] = (float(spec["low"]), float(spec["high"]))
    return Calibration(anchors, post_cpe, spread, factors)


@dataclass(frozen=True, slots=True)
class PriceRequest:
    """What to price: one deliverable of one account."""

    platform: str
    format: str
    followers: int
    engagement_rate: float | None = None
    median_views: int | None = None
    quality_score: int | None = None
    story_link: bool = False


@dataclass(frozen=True, slots=True)
class PastDeal:
    """An accepted deal of the workspace: what was paid against what Influent estimated."""

    fee: float
    estimate: float


@dataclass(frozen=True, slots=True)
class PriceEstimate:
    """EUR amounts for one unit of the deliverable, and why."""

    low: float
    point: float
    high: float
    currency: str = "EUR"
    basis: tuple[Message, ...] = field(default_factory=tuple)

    def times(self, quantity: int) -> PriceEstimate:
        return PriceEstimate(
            self.low * quantity,
            self.point * quantity,
            self.high * quantity,
            self.currency,
            self.basis,
        )


def _platform_spec(platform: str) -> dict[str, Any]:
    platforms: dict[str, Any] = _data()["platforms"]
    spec: dict[str, Any] = platforms.get(platform) or platforms["other"]
    return spec


def _engagements(request: PriceRequest, basis: list[Message]) -> float:
    spec = _platform_spec(request.platform)
    reach = float(request.followers)
    if spec.get("reach") == "views":
        if request.median_views is not None:
            reach = float(request.median_views)
            basis.append(_m("pricing.basis.views", views=request.median_views))
        else:
            reach = request.followers * float(spec["default_views_per_follower"])
            basis.append(
                _m(
                    "pricing.basis.views_assumed",
                    followers=request.followers,
                    count=request.followers,
                    share=float(spec["default_views_per_follower"]),
                )
            )
    if request.engagement_rate is not None and request.engagement_rate > 0:
        er = request.engagement_rate
        basis.append(_m("pricing.basis.engagement_own", rate=er))
    elif request.platform == Platform.INSTAGRAM.value:
        er = _median_er(request.followers)
        basis.append(_m("pricing.basis.engagement_median", rate=er))
    else:
        er = float(spec["default_engagement_rate"])
        basis.append(_m("pricing.basis.engagement_default", rate=er))
    engagements = reach * er
    basis.append(
        _m("pricing.basis.engagements", reach=round(reach), engagements=round(engagements))
    )
    return engagements


def _quality_factor(score: int | None, basis: list[Message]) -> float:
    spec = _data()["quality"]
    full, floor = float(spec["full_price_from"]), float(spec["floor"])
    if score is None:
        basis.append(_m("pricing.basis.quality_unknown"))
        return 1.0
    if score >= full:
        basis.append(_m("pricing.basis.quality_ok", score=score))
        return 1.0
    factor = floor + (1 - floor) * max(score, 0) / full
    basis.append(_m("pricing.basis.quality_poor", score=score, cut=round((1 - factor) * 100)))
    return factor


def _refit_factor(past: Sequence[PastDeal], basis: list[Message]) -> float:
    usable = [d for d in past if d.fee > 0 and d.estimate > 0]
    n = len(usable)
    if n < MIN_REFIT_DEALS:
        basis.append(_m("pricing.basis.refit_pending", count=n, needed=MIN_REFIT_DEALS))
        return 1.0
    ratio = _geomean([d.fee / d.estimate for d in usable])
    weight = n / (n + float(_data()["refit"]["prior_weight"]))
    factor = float(ratio**weight)
    basis.append(
        _m(
            "pricing.basis.refit",
            count=n,
            ratio=round(ratio, 2),
            weight=round(weight * 100),
            change=round((factor - 1) * 100),
        )
    )
    return factor


def estimate_price(request: PriceRequest, past: Sequence[PastDeal] = ()) -> PriceEstimate:
    """The fair price of one unit of a deliverable; `past` are the workspace's accepted deals."""
    cal = calibration()
    basis: list[Message] = []
    engagements = _engagements(request, basis)
    spec = _platform_spec(request.platform)
    cpe = cal.post_cpe * float(spec["cpe_factor"])
    basis.append(
        _m(
            "pricing.basis.rate",
            cpe=round(cpe, 2),
            anchors=sum(1 for a in cal.anchors if a.format == "post"),
        )
    )
    low_f, high_f = cal.format_factors.get(request.format, (1.0, 1.0))
    if low_f == high_f and low_f != 1.0:
        basis.append(_m("pricing.basis.format_fixed", format=request.format, share=low_f))
    elif low_f != high_f:
        basis.append(
            _m(
                "pricing.basis.format",
                format=request.format,
                low=round((low_f - 1) * 100),
                high=round((high_f - 1) * 100),
            )
        )
    if request.story_link and request.format == "story":
        link = _data()["story_link"]
        low_f *= float(link["low"])
        high_f *= float(link["high"])
        basis.append(_m("pricing.basis.story_link"))
    quality = _quality_factor(request.quality_score, basis)
    refit = _refit_factor(past, basis)
    point = engagements * cpe * math.sqrt(low_f * high_f) * quality * refit
    low = engagements * cpe * low_f * quality * refit / cal.spread
    high = engagements * cpe * high_f * quality * refit * cal.spread
    basis.append(_m("pricing.basis.range", spread=round((cal.spread - 1) * 100)))
    return PriceEstimate(low=low, point=point, high=high, basis=tuple(basis))


def price_position(asked: float, estimate: PriceEstimate) -> str:
    """Where an asking price sits: "below", "within" or "above" the range."""
    if asked < estimate.low:
        return "below"
    if asked > estimate.high:
        return "above"
    return "within"
