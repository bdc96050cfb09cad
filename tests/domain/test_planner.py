"""The planner against simulation: funnels sampled from known rates."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from influent.domain.planner import (
    PRIOR_DEAL,
    FunnelHistory,
    PlanError,
    contacts_needed,
    make_plan,
    success_probability,
)

TODAY = date(2026, 11, 1)
BY = date(2027, 2, 1)


def test_it_plans_from_the_documented_priors_without_history() -> None:
    plan = make_plan(deals=10, by=BY, today=TODAY)
    assert plan.source == "prior"
    assert plan.rates["reply"] == pytest.approx(0.40)
    assert plan.rates["deal"] == pytest.approx(0.10)
    # An even bet needs about deals / rate contacts; the safe plan needs clearly more.
    assert 85 <= plan.contact_for_50 <= 110
    assert plan.contact_for_90 > plan.contact_for_50 * 1.3


def test_follow_ups_lift_the_prior_rates_and_shrink_the_plan() -> None:
    without = make_plan(deals=10, by=BY, today=TODAY)
    with_follow_ups = make_plan(deals=10, by=BY, today=TODAY, follow_ups=True)
    assert with_follow_ups.rates["reply"] == pytest.approx(0.56)
    assert with_follow_ups.contact_for_90 < without.contact_for_90


def test_it_uses_the_workspace_history_once_there_is_enough() -> None:
    few = make_plan(deals=5, by=BY, today=TODAY, history=FunnelHistory(settled=10, deals=5))
    assert few.source == "prior"
    enough = FunnelHistory(settled=100, replied=60, deals=30, days_to_deal=(10.0, 14.0, 30.0))
    plan = make_plan(deals=5, by=BY, today=TODAY, history=enough)
    assert plan.source == "history"
    assert plan.deal_rate == pytest.approx(31 / 102)
    assert plan.rates["reply"] == pytest.approx(0.6)
    assert plan.days_to_deal == 14.0
    assert plan.contact_for_90 < few.contact_for_90


def test_it_says_when_the_date_leaves_no_time_to_contact() -> None:
    plan = make_plan(deals=10, by=date(2026, 11, 10), today=TODAY)
    assert plan.too_late
    assert plan.per_day_90 is None
    busy = make_plan(deals=200, by=date(2026, 12, 1), today=TODAY)
    assert busy.over_cap


def test_it_refuses_zero_deals_and_a_date_in_the_past() -> None:
    with pytest.raises(PlanError):
        make_plan(deals=0, by=BY, today=TODAY)
    with pytest.raises(PlanError):
        make_plan(deals=3, by=TODAY, today=TODAY)


def test_the_beta_binomial_matches_sampling() -> None:
    rng = np.random.default_rng(1)
    rates = rng.beta(4, 36, size=200_000)
    deals = rng.binomial(120, rates)
    assert success_probability(120, 10, 4, 36) == pytest.approx((deals >= 10).mean(), abs=0.01)


def test_the_needed_count_is_the_smallest_that_reaches_the_confidence() -> None:
    needed = contacts_needed(10, 4, 36, 0.9)
    assert success_probability(needed, 10, 4, 36) >= 0.9
    assert success_probability(needed - 1, 10, 4, 36) < 0.9


def test_the_90_percent_prior_plan_succeeds_at_least_90_percent_of_the_time() -> None:
    # Funnels sampled at the prior's own rate: reply 40%, then a quarter of replies sign.
    rng = random.Random(7)
    plan = make_plan(deals=10, by=BY, today=TODAY)
    wins = 0
    trials = 2_000
    for _ in range(trials):
        replies = sum(rng.random() < 0.40 for _ in range(plan.contact_for_90))
        signed = sum(rng.random() < PRIOR_DEAL / 0.40 for _ in range(replies))
        wins += signed >= 10
    assert wins / trials >= 0.9


@pytest.mark.parametrize("true_rate", [0.06, 0.12, 0.25])
def test_the_90_percent_history_plan_succeeds_about_90_percent_of_the_time(
    true_rate: float,
) -> None:
    # Each trial: a workspace history sampled from the true rate, a plan made from it,
    # then the plan played out at the true rate.
    rng = np.random.default_rng(int(true_rate * 1000))
    trials, wins = 1_500, 0
    for _ in range(trials):
        settled = 80
        deals_seen = int(rng.binomial(settled, true_rate))
        history = FunnelHistory(settled=settled, replied=settled // 2, deals=deals_seen)
        plan = make_plan(deals=8, by=BY, today=TODAY, history=history)
        wins += int(rng.binomial(plan.contact_for_90, true_rate)) >= 8
    assert wins / trials >= 0.87


def test_a_plan_for_too_many_deals_is_refused_at_once() -> None:
    import time

    from influent.domain.planner import MAX_DEALS, PlanError, contacts_needed

    started = time.monotonic()
    with pytest.raises(PlanError) as refused:
        contacts_needed(MAX_DEALS + 1, 4.0, 36.0, 0.9)
    assert refused.value.code == "outreach.error.plan_too_many"
    assert time.monotonic() - started < 1
