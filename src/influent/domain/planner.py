"""The funnel planner: how many creators to contact to sign N deals by a date.

The chance that one contacted creator ends in a deal is uncertain, so it is a Beta
distribution; the number of deals among M contacts is then Beta-binomial. The plan is the
smallest M whose chance of at least N deals reaches 50% (the even bet) and 90% (the safe plan).

Where the rates come from:
- **prior** (documented, used until the workspace has history): about 40% of creators reply
  to a first message (Heepsy's outreach figures); about 10% of those contacted end in a
  collaboration (practitioner data); a follow-up lifts replies by about 40%, applied to both
  rates when the campaign sends follow-ups. The prior counts as `PRIOR_STRENGTH` contacts'
  worth of evidence: Beta(0.10·40, 0.90·40) without follow-ups.
- **history**: once `MIN_HISTORY` contacted opportunities are settled (a deal or later, or
  lost), the rate is Beta(1 + deals, 1 + the others): the workspace's own results, whatever
  its follow-up habits were. Opportunities still open are left out (not yet known).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from influent.domain.messages import MessageError

__all__ = [
    "DEFAULT_DAILY_CAP",
    "FOLLOW_UP_LIFT",
    "MIN_HISTORY",
    "PRIOR_DAYS_TO_DEAL",
    "PRIOR_DEAL",
    "PRIOR_REPLY",
    "PRIOR_STRENGTH",
    "FunnelHistory",
    "Plan",
    "PlanError",
    "contacts_needed",
    "make_plan",
    "success_probability",
]

PRIOR_REPLY = 0.40  # Heepsy: share of creators who answer a first outreach message
PRIOR_DEAL = 0.10  # practitioner data: share of contacted creators who end in a collaboration
FOLLOW_UP_LIFT = 0.40  # a follow-up lifts replies by about 40%
PRIOR_STRENGTH = 40.0  # the prior weighs as much as 40 contacts
MIN_HISTORY = 30  # settled contacted opportunities before the workspace's history is used
PRIOR_DAYS_TO_DEAL = 21  # from first contact to a signed deal, until history says otherwise
DEFAULT_DAILY_CAP = 30  # outreach tools cap new contacts at about 30 a day (deliverability)
_MAX_CONTACTS = 1_000_000
# A plan's cost grows with the deals asked for; no campaign signs more than this many.
MAX_DEALS = 1_000


class PlanError(MessageError):
    """A plan that cannot be made from what was asked."""


@dataclass(frozen=True, slots=True)
class FunnelHistory:
    """Settled contacted opportunities: how many, how many replied, how many reached a deal."""

    settled: int = 0
    replied: int = 0
    deals: int = 0
    days_to_deal: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    deals: int
    by: date
    contact_for_50: int
    contact_for_90: int
    reply_rate: float
    deal_rate: float
    alpha: float
    beta: float
    source: str  # "prior" | "history"
    follow_ups: bool
    history_size: int
    days_to_deal: float
    contact_by: date
    days_to_contact: int
    per_day_50: int | None
    per_day_90: int | None
    daily_cap: int
    too_late: bool
    over_cap: bool
    rates: dict[str, float] = field(default_factory=dict)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def success_probability(contacts: int, deals: int, alpha: float, beta: float) -> float:
    """P(at least `deals` deals among `contacts`) when the deal rate is Beta(alpha, beta)."""
    if deals <= 0:
        return 1.0
    if contacts < deals:
        return 0.0
    base = math.lgamma(contacts + 1) - _log_beta(alpha, beta)
    below = 0.0
    for k in range(deals):
        log_pmf = (
            base
            - math.lgamma(k + 1)
            - math.lgamma(contacts - k + 1)
            + _log_beta(k + alpha, contacts - k + beta)
        )
        below += math.exp(log_pmf)
    return max(0.0, 1.0 - below)


def contacts_needed(deals: int, alpha: float, beta: float, confidence: float) -> int:
    """The smallest number of contacts giving at least `deals` deals with `confidence`."""
    if deals > MAX_DEALS:
        raise PlanError("outreach.error.plan_too_many", deals=deals, most=MAX_DEALS)
    low, high = deals, max(deals, 1)
    while success_probability(high, deals, alpha, beta) < confidence:
        low, high = high, high * 2
        if high > _MAX_CONTACTS:
            raise PlanError("outreach.error.plan_unreachable", deals=deals, count=deals)
    while low < high:
        mid = (low + high) // 2
        if success_probability(mid, deals, alpha, beta) >= confidence:
            high = mid
        else:
            low = mid + 1
    return high


def _per_day(contacts: int, days: int) -> int | None:
    return None if days <= 0 else math.ceil(contacts / days)


def make_plan(
    *,
    deals: int,
    by: date,
    today: date,
    history: FunnelHistory | None = None,
    follow_ups: bool = False,
    daily_cap: int = DEFAULT_DAILY_CAP,
) -> Plan:
    """The plan for `deals` deals by `by`, from the history when there is enough of it."""
    if deals < 1:
        raise PlanError("outreach.error.plan_deals", deals=deals)
    if by <= today:
        raise PlanError("outreach.error.plan_date", by=by.isoformat())
    history = history or FunnelHistory()
    if history.settled >= MIN_HISTORY:
        source = "history"
        alpha = 1.0 + history.deals
        beta = 1.0 + history.settled - history.deals
        reply_rate = history.replied / history.settled
        days_to_deal = median(history.days_to_deal) if history.days_to_deal else PRIOR_DAYS_TO_DEAL
    else:
        source = "prior"
        lift = 1.0 + FOLLOW_UP_LIFT if follow_ups else 1.0
        reply_rate = min(PRIOR_REPLY * lift, 0.95)
        deal_mean = min(PRIOR_DEAL * lift, 0.95)
        alpha, beta = deal_mean * PRIOR_STRENGTH, (1 - deal_mean) * PRIOR_STRENGTH
        days_to_deal = PRIOR_DAYS_TO_DEAL
    for_50 = contacts_needed(deals, alpha, beta, 0.5)
    for_90 = contacts_needed(deals, alpha, beta, 0.9)
    contact_by = by - timedelta(days=math.ceil(days_to_deal))
    days_to_contact = (contact_by - today).days
    per_50, per_90 = _per_day(for_50, days_to_contact), _per_day(for_90, days_to_contact)
    deal_rate = alpha / (alpha + beta)
    return Plan(
        deals=deals,
        by=by,
        contact_for_50=for_50,
        contact_for_90=for_90,
        reply_rate=reply_rate,
        deal_rate=deal_rate,
        alpha=alpha,
        beta=beta,
        source=source,
        follow_ups=follow_ups,
        history_size=history.settled,
        days_to_deal=float(days_to_deal),
        contact_by=contact_by,
        days_to_contact=days_to_contact,
        per_day_50=per_50,
        per_day_90=per_90,
        daily_cap=daily_cap,
        too_late=days_to_contact <= 0,
        over_cap=per_90 is not None and per_90 > daily_cap,
        rates={
            "reply": round(reply_rate, 4),
            "deal": round(deal_rate, 4),
            "deal_given_reply": round(deal_rate / reply_rate, 4) if reply_rate else 0.0,
            "follow_up_lift": FOLLOW_UP_LIFT,
        },
    )
