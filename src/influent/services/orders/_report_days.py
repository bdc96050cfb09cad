"""The campaign day by day: human clicks and net revenue per day, and each publication.

Clicks come from `link_days` of the campaign's links, orders and money from `order_rollups`
with the same scope as the campaign report (its creators' orders, plus the unattributed
orders of its days), so the days add up to the report's totals. A deliverable is marked on
the day its deal went live, else on the day it is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.services.campaigns import get_campaign
from influent.services.orders._report import orders_scope
from influent.store.deal_models import Deal, DealEvent, Deliverable
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator
from influent.store.order_models import OrderRollup

__all__ = ["CampaignDay", "CampaignTimeline", "Publication", "campaign_timeline"]

# A timeline longer than this is cut to its last days (a campaign without end dates whose
# rollups reach back years would otherwise draw thousands of bars).
_LONGEST = 400


@dataclass(frozen=True, slots=True)
class CampaignDay:
    day: date
    clicks_human: int
    orders: int
    net_minor: int


@dataclass(frozen=True, slots=True)
class Publication:
    """A deliverable on the timeline: when, whose, which format and platform."""

    day: date
    creator: str
    format: str
    platform: str
    live: bool  # the deal went live that day (else: the day it is due)


@dataclass(frozen=True, slots=True)
class CampaignTimeline:
    campaign_id: int
    currency: str
    days: tuple[CampaignDay, ...]
    publications: tuple[Publication, ...]

    @property
    def clicks_human(self) -> int:
        return sum(d.clicks_human for d in self.days)

    @property
    def net_minor(self) -> int:
        return sum(d.net_minor for d in self.days)


def _publications(session: Session, workspace_id: int, campaign_id: int) -> list[Publication]:
    live = (
        select(DealEvent.deal_id, func.min(DealEvent.created_at).label("at"))
        .where(DealEvent.kind == "status", DealEvent.to_status == "live")
        .group_by(DealEvent.deal_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Creator.name, Deliverable.format, Deliverable.platform, Deliverable.due_on, live.c.at
        )
        .join(Deal, Deal.id == Deliverable.deal_id)
        .join(Creator, Creator.id == Deal.creator_id)
        .outerjoin(live, live.c.deal_id == Deal.id)
        .where(
            Deal.workspace_id == workspace_id,
            Deal.campaign_id == campaign_id,
            Deal.status != "cancelled",
        )
    ).all()
    found = [
        Publication(at.date() if at else due, name, fmt, platform, at is not None)
        for name, fmt, platform, due, at in rows
        if at is not None or due is not None
    ]
    return sorted(found, key=lambda p: (p.day, p.creator, p.format))


def campaign_timeline(session: Session, *, workspace_id: int, campaign_id: int) -> CampaignTimeline:
    """Every day from the first figure (or the campaign's start) to the last, gaps as zeros."""
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    clicks = {
        day: int(human or 0)
        for day, human in session.execute(
            select(LinkDay.day, func.sum(LinkDay.human))
            .join(Link, Link.id == LinkDay.link_id)
            .where(Link.workspace_id == workspace_id, Link.campaign_id == campaign.id)
            .group_by(LinkDay.day)
        )
    }
    money = {
        day: (int(o or 0), int(r or 0) - int(f or 0))
        for day, o, r, f in session.execute(
            select(
                OrderRollup.day,
                func.sum(OrderRollup.orders),
                func.sum(OrderRollup.revenue_minor),
                func.sum(OrderRollup.refunded_minor),
            )
            .where(*orders_scope(campaign))
            .group_by(OrderRollup.day)
        )
    }
    publications = _publications(session, workspace_id, campaign.id)
    known = set(clicks) | set(money)
    days: list[CampaignDay] = []
    if known:
        first = min(known | ({campaign.starts_on} if campaign.starts_on else set()))
        last = max(known)
        first = max(first, last - timedelta(days=_LONGEST - 1))
        day = first
        while day <= last:
            orders, net = money.get(day, (0, 0))
            days.append(CampaignDay(day, clicks.get(day, 0), orders, net))
            day += timedelta(days=1)
    return CampaignTimeline(
        campaign_id=campaign.id,
        currency=campaign.currency,
        days=tuple(days),
        publications=tuple(publications),
    )
