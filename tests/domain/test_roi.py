"""ROI and its companions, with the uncertainty of small numbers said out loud."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.roi import Performance, poisson_interval, returns


def test_it_computes_every_ratio_from_its_inputs() -> None:
    p = Performance(
        fees_minor=100_000,
        gifted_minor=5_000,
        commissions_minor=5_000,
        clicks_human=2_000,
        clicks_bot=300,
        visitors=1_600,
        orders=40,
        revenue_minor=240_000,
        refunded_minor=20_000,
        engagements=11_000,
    )
    r = returns(p)
    assert r.cost_minor == 110_000 and r.net_revenue_minor == 220_000
    assert r.roi == pytest.approx(1.0) and r.roas == pytest.approx(2.0)
    assert r.cpa_minor == pytest.approx(2_750) and r.cpc_minor == pytest.approx(55)
    assert r.cost_per_engagement_minor == pytest.approx(10)
    assert r.conversion_rate == pytest.approx(0.025)
    assert r.roi_low is not None and r.roi_high is not None
    assert r.roi_low < r.roi < r.roi_high


def test_it_says_nothing_it_cannot_divide() -> None:
    r = returns(Performance(orders=3, revenue_minor=9_000))
    assert r.roi is None and r.roas is None and r.conversion_rate is None
    assert r.cpa_minor == 0  # free orders cost nothing each
    free = returns(Performance(fees_minor=50_000))
    assert free.roi == -1.0 and free.roi_low is None


def test_three_orders_are_a_wide_range_and_three_hundred_a_narrow_one() -> None:
    few = returns(Performance(fees_minor=10_000, orders=3, revenue_minor=30_000))
    many = returns(Performance(fees_minor=1_000_000, orders=300, revenue_minor=3_000_000))
    assert few.roi == many.roi == pytest.approx(2.0)
    assert few.roi_low is not None and few.roi_high is not None
    assert many.roi_low is not None and many.roi_high is not None
    assert few.roi_high - few.roi_low > 5 * (many.roi_high - many.roi_low)


@pytest.mark.parametrize(
    ("count", "low", "high"),
    # Garwood's exact 90% limits, from chi-square quantiles.
    [(0, 0.0, 2.996), (1, 0.0513, 4.744), (3, 0.8177, 7.754), (10, 5.425, 16.96)],
)
def test_the_poisson_interval_is_close_to_the_exact_one(
    count: int, low: float, high: float
) -> None:
    found_low, found_high = poisson_interval(count)
    assert found_low == pytest.approx(low, abs=0.03 + 0.01 * low)
    assert found_high == pytest.approx(high, rel=0.01)


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=10, max_size=10))
def test_performances_add_up(values: list[int]) -> None:
    a = Performance(*values[:9], engagements=values[9])  # type: ignore[misc]
    b = Performance(*reversed(values[:9]))  # type: ignore[misc]
    total = a + b
    assert total.cost_minor == a.cost_minor + b.cost_minor
    assert total.net_revenue_minor == a.net_revenue_minor + b.net_revenue_minor
    assert total.engagements == values[9]
    assert math.isfinite(returns(total).orders_high)
