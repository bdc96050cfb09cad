"""The campaign report: what each creator cost and brought, read from rollups and deals only.

Orders and money come from `order_rollups`, clicks from `link_days` joined to the campaign's
links, costs from the campaign's deals (fees, gifted value, commission per order × orders).
Raw orders and clicks are never read, so the report costs the same at ten orders or a million.

Unattributed orders are those with no creator (creator 0 in the rollups): the campaign's own,
and the orders attributed to nobody placed on the campaign's days (all days when it has none).
Totals are summed by their own queries, so that the rows can be checked against them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.roi import Performance, Returns, returns
from influent.services.campaigns import get_campaign
from influent.store.campaign_models import Campaign
from influent.store.deal_models import Deal, Deliverable
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator
from influent.store.order_models import OrderRollup

__all__ = [
    "GROUPINGS",
    "MIXED",
    "NO_DEAL",
    "CampaignReport",
    "ReportRow",
    "campaign_report",
    "orders_scope",
]

# Rows per creator, or creators gathered by their deal, its platform or its format. Orders are
# kept per creator in the rollups, so a creator counts wholly in one group: the one their deals
# name, MIXED when they name several, NO_DEAL without a deal (or a deliverable, by platform
# or format).
GROUPINGS = ("creator", "deal", "platform", "format")
MIXED = "mixed"
NO_DEAL = "none"


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One creator (or the unattributed orders, or the campaign): its performance and ratios."""

    creator_id: int | None
    label: str
    deals: int
    performance: Performance
    returns: Returns
    group: str | None = None  # the deal id, platform or format (or MIXED, NO_DEAL) grouped by


@dataclass(frozen=True, slots=True)
class CampaignReport:
    campaign_id: int
    campaign: str
    currency: str
    starts_on: date | None
    ends_on: date | None
    rows: tuple[ReportRow, ...]  # creators (or groups), best ROI first
    unattributed: ReportRow
    totals: ReportRow
    by: str = "creator"


@dataclass(slots=True)
class _Costs:
    deals: int = 0
    fees: int = 0
    gifted: int = 0
    rate: int = 0


def _row(creator_id: int | None, label: str, deals: int, p: Performance) -> ReportRow:
    return ReportRow(creator_id, label, deals, p, returns(p))


def _unattributed_days(campaign: Campaign) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [OrderRollup.campaign_id == 0]
    if campaign.starts_on is not None:
        conditions.append(OrderRollup.day >= campaign.starts_on)
    if campaign.ends_on is not None:
        conditions.append(OrderRollup.day <= campaign.ends_on)
    return and_(*conditions)


def orders_scope(campaign: Campaign) -> list[ColumnElement[bool]]:
    """The order rollups a campaign counts: its creators' and the unattributed of its days."""
    return [
        OrderRollup.workspace_id == campaign.workspace_id,
        OrderRollup.currency == campaign.currency,
        or_(
            OrderRollup.campaign_id == campaign.id,
            and_(OrderRollup.creator_id == 0, _unattributed_days(campaign)),
        ),
    ]


def _orders(session: Session, campaign: Campaign) -> dict[int, tuple[int, int, int]]:
    rows = session.execute(
        select(
            OrderRollup.creator_id,
            func.sum(OrderRollup.orders),
            func.sum(OrderRollup.revenue_minor),
            func.sum(OrderRollup.refunded_minor),
        )
        .where(*orders_scope(campaign))
        .group_by(OrderRollup.creator_id)
    ).all()
    return {int(c): (int(o or 0), int(r or 0), int(f or 0)) for c, o, r, f in rows}


def _clicks(session: Session, campaign: Campaign) -> dict[int, tuple[int, int, int]]:
    rows = session.execute(
        select(
            Link.creator_id,
            func.sum(LinkDay.human),
            func.sum(LinkDay.bot),
            func.sum(LinkDay.visitors),
        )
        .join(Link, Link.id == LinkDay.link_id)
        .where(Link.workspace_id == campaign.workspace_id, Link.campaign_id == campaign.id)
        .group_by(Link.creator_id)
    ).all()
    found: dict[int, tuple[int, int, int]] = {}
    for creator_id, human, bot, visitors in rows:
        key = int(creator_id or 0)
        h, b, v = found.get(key, (0, 0, 0))
        found[key] = (h + int(human or 0), b + int(bot or 0), v + int(visitors or 0))
    return found


def _costs(session: Session, campaign: Campaign) -> dict[int, _Costs]:
    rows = session.execute(
        select(
            Deal.creator_id,
            Deal.fee_minor,
            Deal.gifted_value_minor,
            Deal.commission_per_order_minor,
        ).where(
            Deal.workspace_id == campaign.workspace_id,
            Deal.campaign_id == campaign.id,
            Deal.status != "cancelled",
            Deal.currency == campaign.currency,
        )
    ).all()
    found: dict[int, _Costs] = {}
    for creator_id, fee, gifted, rate in rows:
        costs = found.setdefault(int(creator_id), _Costs())
        costs.deals += 1
        costs.fees += int(fee or 0)
        costs.gifted += int(gifted or 0)
        # Several deals with one creator on a campaign: each order owes the highest rate once.
        costs.rate = max(costs.rate, int(rate or 0))
    return found


def _names(session: Session, workspace_id: int, ids: set[int]) -> Mapping[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Creator.id, Creator.name).where(
            Creator.workspace_id == workspace_id, Creator.id.in_(ids)
        )
    ).all()
    return {int(i): n for i, n in rows}


def _totals(session: Session, campaign: Campaign, commissions: int) -> Performance:
    orders, revenue, refunded = session.execute(
        select(
            func.sum(OrderRollup.orders),
            func.sum(OrderRollup.revenue_minor),
            func.sum(OrderRollup.refunded_minor),
        ).where(*orders_scope(campaign))
    ).one()
    human, bot, visitors = session.execute(
        select(func.sum(LinkDay.human), func.sum(LinkDay.bot), func.sum(LinkDay.visitors))
        .join(Link, Link.id == LinkDay.link_id)
        .where(Link.workspace_id == campaign.workspace_id, Link.campaign_id == campaign.id)
    ).one()
    fees, gifted = session.execute(
        select(func.sum(Deal.fee_minor), func.sum(Deal.gifted_value_minor)).where(
            Deal.workspace_id == campaign.workspace_id,
            Deal.campaign_id == campaign.id,
            Deal.status != "cancelled",
            Deal.currency == campaign.currency,
        )
    ).one()
    return Performance(
        fees_minor=int(fees or 0),
        gifted_minor=int(gifted or 0),
        commissions_minor=commissions,
        clicks_human=int(human or 0),
        clicks_bot=int(bot or 0),
        visitors=int(visitors or 0),
        orders=int(orders or 0),
        revenue_minor=int(revenue or 0),
        refunded_minor=int(refunded or 0),
    )


def _groups_of(session: Session, campaign: Campaign, by: str) -> dict[int, str]:
    """Each creator's group: the one value their deals on the campaign give, else MIXED."""
    rows = session.execute(
        select(Deal.id, Deal.creator_id, Deliverable.platform, Deliverable.format)
        .outerjoin(Deliverable, Deliverable.deal_id == Deal.id)
        .where(
            Deal.workspace_id == campaign.workspace_id,
            Deal.campaign_id == campaign.id,
            Deal.status != "cancelled",
            Deal.currency == campaign.currency,
        )
    ).all()
    values: dict[int, set[str]] = {}
    for deal_id, creator_id, platform, format_ in rows:
        value = {"deal": str(deal_id), "platform": platform, "format": format_}[by]
        values.setdefault(int(creator_id), set())
        if value:
            values[int(creator_id)].add(value)
    return {
        c: (next(iter(v)) if len(v) == 1 else MIXED if v else NO_DEAL) for c, v in values.items()
    }


def _grouped(
    session: Session, campaign: Campaign, rows: list[ReportRow], by: str
) -> list[ReportRow]:
    groups = _groups_of(session, campaign, by)
    summed: dict[str, tuple[str, int, Performance]] = {}
    for row in rows:
        key = groups.get(row.creator_id or 0, NO_DEAL)
        label, deals, performance = summed.get(key, (row.label, 0, Performance()))
        summed[key] = (label, deals + row.deals, performance + row.performance)
    return [
        ReportRow(None, label, deals, p, returns(p), group=key)
        for key, (label, deals, p) in summed.items()
    ]


def _rank(row: ReportRow) -> tuple[int, float, int]:
    roi = row.returns.roi
    return (0 if roi is not None else 1, -(roi or 0.0), -row.returns.net_revenue_minor)


def campaign_report(
    session: Session, *, workspace_id: int, campaign_id: int, by: str = "creator"
) -> CampaignReport:
    """Per creator (or deal, platform, format), the unattributed orders, and the campaign's
    totals, in its currency."""
    if by not in GROUPINGS:
        raise MessageError("report.error.by", by=by)
    campaign = get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    orders = _orders(session, campaign)
    clicks = _clicks(session, campaign)
    costs = _costs(session, campaign)
    creators = (set(orders) | set(clicks) | set(costs)) - {0}
    names = _names(session, workspace_id, creators)
    rows: list[ReportRow] = []
    commissions = 0
    for creator_id in creators:
        o, r, f = orders.get(creator_id, (0, 0, 0))
        h, b, v = clicks.get(creator_id, (0, 0, 0))
        c = costs.get(creator_id, _Costs())
        commissions += c.rate * o
        performance = Performance(
            fees_minor=c.fees,
            gifted_minor=c.gifted,
            commissions_minor=c.rate * o,
            clicks_human=h,
            clicks_bot=b,
            visitors=v,
            orders=o,
            revenue_minor=r,
            refunded_minor=f,
        )
        rows.append(_row(creator_id, names.get(creator_id, f"#{creator_id}"), c.deals, performance))
    if by != "creator":
        rows = _grouped(session, campaign, rows, by)
    rows.sort(key=_rank)
    o, r, f = orders.get(0, (0, 0, 0))
    h, b, v = clicks.get(0, (0, 0, 0))
    loose = Performance(
        clicks_human=h, clicks_bot=b, visitors=v, orders=o, revenue_minor=r, refunded_minor=f
    )
    totals = _totals(session, campaign, commissions)
    return CampaignReport(
        campaign_id=campaign.id,
        campaign=campaign.name,
        currency=campaign.currency,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        rows=tuple(rows),
        unattributed=_row(None, "", 0, loose),
        totals=_row(None, campaign.name, sum(c.deals for c in costs.values()), totals),
        by=by,
    )
