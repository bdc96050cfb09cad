"""The fair-price estimate against the published benchmarks it is calibrated on."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influent.domain.pricing import (
    FORMATS,
    MIN_REFIT_DEALS,
    PastDeal,
    PriceRequest,
    calibration,
    estimate_price,
    price_position,
)


def _bands() -> list[dict[str, object]]:
    text = resources.files("influent.domain").joinpath("data/price_benchmarks.json").read_text()
    return [a for a in json.loads(text)["anchors"] if a["kind"] == "band"]


@pytest.mark.parametrize("band", _bands(), ids=lambda b: str(b["id"]))
def test_a_typical_account_of_each_tier_lands_in_kolsquares_band(band: dict[str, object]) -> None:
    followers = int(str(band["typical_followers"]))
    estimate = estimate_price(PriceRequest("instagram", "post", followers))
    assert float(str(band["price_low"])) <= estimate.point <= float(str(band["price_high"]))


def test_the_seeds_story_at_150k_and_5_percent_is_about_a_thousand_euros() -> None:
    estimate = estimate_price(PriceRequest("instagram", "story", 150_000, 0.05))
    assert 700 <= estimate.point <= 1_300
    assert estimate.low < estimate.point < estimate.high
    assert estimate.currency == "EUR"


def test_the_dollar_rule_of_thumb_stays_within_a_factor_of_two_of_the_point() -> None:
    # About USD 100 per 10,000 followers per post, at the median engagement for the size.
    for followers in (10_000, 100_000, 1_000_000):
        estimate = estimate_price(PriceRequest("instagram", "post", followers))
        rule = followers / 10_000 * 100 * 0.92
        assert estimate.point / 2 <= rule <= estimate.point * 2


def test_the_rate_is_the_geometric_mean_of_the_post_anchors() -> None:
    cal = calibration()
    posts = [a.cpe for a in cal.anchors if a.format == "post"]
    assert min(posts) < cal.post_cpe < max(posts)
    assert cal.spread > 1


def test_video_costs_more_than_a_post_and_a_carousel_in_between() -> None:
    def point(fmt: str) -> float:
        return estimate_price(PriceRequest("instagram", fmt, 50_000, 0.03)).point

    assert point("post") * 1.2 <= point("carousel") <= point("post") * 1.3
    assert point("post") * 1.4 <= point("reel") <= point("post") * 1.5
    assert point("carousel") < point("reel")


def test_a_link_in_a_story_adds_ten_to_twenty_percent() -> None:
    plain = estimate_price(PriceRequest("instagram", "story", 50_000, 0.03)).point
    linked = estimate_price(PriceRequest("instagram", "story", 50_000, 0.03, story_link=True))
    assert plain * 1.1 <= linked.point <= plain * 1.2
    assert "pricing.basis.story_link" in [m.code for m in linked.basis]


def test_a_poor_audience_lowers_the_estimate_and_says_why() -> None:
    good = estimate_price(PriceRequest("instagram", "post", 80_000, 0.03, quality_score=85))
    poor = estimate_price(PriceRequest("instagram", "post", 80_000, 0.03, quality_score=25))
    assert poor.point < good.point
    reason = next(m for m in poor.basis if m.code == "pricing.basis.quality_poor")
    assert reason.params["score"] == 25
    assert reason.params["cut"] > 0


def test_twenty_accepted_deals_at_twice_the_benchmark_pull_the_estimate_up() -> None:
    request = PriceRequest("instagram", "post", 60_000, 0.04)
    plain = estimate_price(request)
    past = [PastDeal(fee=2 * plain.point, estimate=plain.point) for _ in range(20)]
    refitted = estimate_price(request, past)
    assert plain.point * 1.5 < refitted.point < plain.point * 2
    said = next(m for m in refitted.basis if m.code == "pricing.basis.refit")
    assert said.params["count"] == 20
    assert said.params["ratio"] == 2.0


def test_too_few_accepted_deals_leave_the_benchmark_alone_and_say_how_many_are_needed() -> None:
    request = PriceRequest("instagram", "post", 60_000, 0.04)
    plain = estimate_price(request)
    few = [PastDeal(fee=3 * plain.point, estimate=plain.point)] * (MIN_REFIT_DEALS - 1)
    estimate = estimate_price(request, few)
    assert estimate.point == pytest.approx(plain.point)
    pending = next(m for m in estimate.basis if m.code == "pricing.basis.refit_pending")
    assert pending.params == {"count": MIN_REFIT_DEALS - 1, "needed": MIN_REFIT_DEALS}


@settings(max_examples=200)
@given(
    st.integers(min_value=1, max_value=50_000_000),
    st.integers(min_value=1, max_value=50_000_000),
    st.sampled_from(FORMATS),
    st.sampled_from(["instagram", "tiktok", "youtube", "blog"]),
)
def test_more_followers_never_lower_the_price(a: int, b: int, fmt: str, platform: str) -> None:
    small, large = sorted((a, b))
    for er in (None, 0.03):
        low = estimate_price(PriceRequest(platform, fmt, small, er)).point
        high = estimate_price(PriceRequest(platform, fmt, large, er)).point
        assert low <= high * (1 + 1e-9)


@settings(max_examples=200)
@given(
    st.floats(min_value=0.0001, max_value=0.5),
    st.floats(min_value=0.0001, max_value=0.5),
    st.integers(min_value=100, max_value=10_000_000),
    st.sampled_from(FORMATS),
)
def test_more_engagement_never_lowers_the_price(
    a: float, b: float, followers: int, fmt: str
) -> None:
    lo, hi = sorted((a, b))
    low = estimate_price(PriceRequest("instagram", fmt, followers, lo)).point
    high = estimate_price(PriceRequest("instagram", fmt, followers, hi)).point
    assert low <= high * (1 + 1e-9)


def test_an_asking_price_is_placed_against_the_range() -> None:
    estimate = estimate_price(PriceRequest("instagram", "post", 100_000, 0.03))
    assert price_position(estimate.point, estimate) == "within"
    assert price_position(estimate.high * 2, estimate) == "above"
    assert price_position(estimate.low / 2, estimate) == "below"
