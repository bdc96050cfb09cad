"""Return on a creator, a deal or a campaign: what it cost, what it brought, and how sure we are.

Formulas (money in minor units of one currency):
- cost = fees + retail value of gifted product + commission per order × orders
- ROI = (net revenue − cost) / cost; ROAS = net revenue / cost
- CPA = cost / orders; CPC = cost / human clicks; cost per engagement = cost / engagements
- conversion rate = orders / unique visitors (human clicks when visitors are unknown)

Small numbers are shown, not hidden: the orders count gets a 90% Poisson interval (Byar's
approximation of the exact Garwood interval), and ROI a range from it at the same average
order value, so "3 orders" reads as the uncertain figure it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Performance", "Returns", "poisson_interval", "returns"]

_Z90 = 1.6448536269514722  # two-sided 90%


def poisson_interval(count: int, z: float = _Z90) -> tuple[float, float]:
    """A ~90% interval for the mean of a Poisson count (Byar's approximation)."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    low = 0.0
    if count > 0:
        low = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    k = count + 1
    high = k * (1 - 1 / (9 * k) + z / (3 * math.sqrt(k))) ** 3
    return max(0.0, low), high


@dataclass(frozen=True, slots=True)
class Performance:
    """What one creator (or deal, or campaign) cost and brought, in one currency; totals only,
    so that performances add up (commissions are the money owed, orders × each deal's rate)."""

    fees_minor: int = 0
    gifted_minor: int = 0
    commissions_minor: int = 0
    clicks_human: int = 0
    clicks_bot: int = 0
    visitors: int = 0
    orders: int = 0
    revenue_minor: int = 0
    refunded_minor: int = 0
    engagements: int | None = None

    def __add__(self, other: Performance) -> Performance:
        engagements = (
            None
            if self.engagements is None and other.engagements is None
            else (self.engagements or 0) + (other.engagements or 0)
        )
        return Performance(
            fees_minor=self.fees_minor + other.fees_minor,
            gifted_minor=self.gifted_minor + other.gifted_minor,
            commissions_minor=self.commissions_minor + other.commissions_minor,
            clicks_human=self.clicks_human + other.clicks_human,
            clicks_bot=self.clicks_bot + other.clicks_bot,
            visitors=self.visitors + other.visitors,
            orders=self.orders + other.orders,
            revenue_minor=self.revenue_minor + other.revenue_minor,
            refunded_minor=self.refunded_minor + other.refunded_minor,
            engagements=engagements,
        )

    @property
    def cost_minor(self) -> int:
        return self.fees_minor + self.gifted_minor + self.commissions_minor

    @property
    def net_revenue_minor(self) -> int:
        return self.revenue_minor - self.refunded_minor


@dataclass(frozen=True, slots=True)
class Returns:
    cost_minor: int
    net_revenue_minor: int
    roi: float | None
    roi_low: float | None
    roi_high: float | None
    roas: float | None
    cpa_minor: float | None
    cpc_minor: float | None
    cost_per_engagement_minor: float | None
    conversion_rate: float | None
    orders: int
    orders_low: float
    orders_high: float


def _ratio(top: float, bottom: float | None) -> float | None:
    return top / bottom if bottom else None


def returns(p: Performance) -> Returns:
    """Every ratio of a performance; None where its denominator is zero or unknown."""
    cost = p.cost_minor
    net = p.net_revenue_minor
    low, high = poisson_interval(p.orders)
    roi = _ratio(net - cost, cost)
    roi_low = roi_high = None
    if cost and p.orders:
        per_order = net / p.orders
        roi_low = (per_order * low - cost) / cost
        roi_high = (per_order * high - cost) / cost
    audience = p.visitors or p.clicks_human
    return Returns(
        cost_minor=cost,
        net_revenue_minor=net,
        roi=roi,
        roi_low=roi_low,
        roi_high=roi_high,
        roas=_ratio(net, cost),
        cpa_minor=_ratio(cost, p.orders),
        cpc_minor=_ratio(cost, p.clicks_human),
        cost_per_engagement_minor=_ratio(cost, p.engagements),
        conversion_rate=_ratio(p.orders, audience),
        orders=p.orders,
        orders_low=low,
        orders_high=high,
    )
