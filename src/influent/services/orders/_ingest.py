"""Writing orders and refunds: idempotent on (source, id), attributed, rollups kept current.

Each order contributes to one rollup bucket (campaign, creator, day, currency): one order, its
total, and what was refunded of it. When an order or its refunds change, the old contribution
is taken out and the new one put in, in the same transaction, so no report reads raw orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.attribution import (
    DEFAULT_WINDOW,
    VISITOR_PARAM,
    Attribution,
    LinkTarget,
    OrderFacts,
    attribute,
    landing_parameters,
)
from influent.domain.orders import CANCELLED, OrderIn, RefundIn
from influent.services.orders._attribution_data import (
    AttributionData,
    load_attribution_data,
    prefetch_clicks,
)
from influent.store.order_models import Order, OrderRollup, Refund

__all__ = ["AttributionData", "IngestReport", "record"]


@dataclass(slots=True)
class IngestReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refunds_created: int = 0
    refunds_unchanged: int = 0
    attributed: int = 0
    unattributed: int = 0


_Bucket = tuple[int, int, object, str]


def _refunded(session: Session, order: Order) -> int:
    recorded = session.scalar(
        select(func.coalesce(func.sum(Refund.amount_minor), 0)).where(
            Refund.workspace_id == order.workspace_id,
            Refund.source == order.source,
            Refund.order_source_id == order.source_id,
        )
    )
    return max(int(recorded or 0), order.stated_refund_minor)


def _contribution(session: Session, order: Order) -> tuple[_Bucket, int, int, int]:
    bucket = (
        order.campaign_id or 0,
        order.creator_id or 0,
        order.placed_at.astimezone(UTC).date(),
        order.currency,
    )
    if order.status in CANCELLED:
        return bucket, 0, 0, 0
    refunded = min(_refunded(session, order), order.total_minor)
    return bucket, 1, order.total_minor, refunded


def _apply(
    session: Session, workspace_id: int, contribution: tuple[_Bucket, int, int, int], sign: int
) -> None:
    (campaign_id, creator_id, day, currency), orders, revenue, refunded = contribution
    if not (orders or revenue or refunded):
        return
    session.flush()
    row = session.scalar(
        select(OrderRollup).where(
            OrderRollup.workspace_id == workspace_id,
            OrderRollup.campaign_id == campaign_id,
            OrderRollup.creator_id == creator_id,
            OrderRollup.day == day,
            OrderRollup.currency == currency,
        )
    )
    if row is None:
        row = OrderRollup(
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            day=day,
            currency=currency,
            orders=0,
            revenue_minor=0,
            refunded_minor=0,
        )
        session.add(row)
    row.orders += sign * orders
    row.revenue_minor += sign * revenue
    row.refunded_minor += sign * refunded


def _attribution(order: OrderIn, data: AttributionData) -> Attribution:
    facts = OrderFacts(
        placed_at=order.placed_at,
        codes=order.codes,
        landing_site=order.landing_site,
        referring_site=order.referring_site,
    )

    visitor = landing_parameters(order.landing_site).get(VISITOR_PARAM)
    clicks = data.clicks_of(visitor) if visitor else ()
    return attribute(
        facts,
        codes=data.codes,
        clicks=clicks,
        links_by_utm=data.links_by_utm,
        window=DEFAULT_WINDOW,
    )


_FIELDS = (
    "name",
    "placed_at",
    "currency",
    "total_minor",
    "subtotal_minor",
    "discount_minor",
    "stated_refund_minor",
    "status",
    "landing_site",
    "referring_site",
    "customer",
)


def record(
    session: Session,
    *,
    workspace_id: int,
    orders: Sequence[OrderIn] = (),
    refunds: Sequence[RefundIn] = (),
    data: AttributionData | None = None,
) -> IngestReport:
    """Write orders and refunds; the same order or refund again changes nothing.

    Attribution reads the workspace's deals, links and clicks unless `data` is given."""
    if data is None:
        data = load_attribution_data(session, workspace_id)
    visitors = [landing_parameters(o.landing_site).get(VISITOR_PARAM) for o in orders]
    data = prefetch_clicks(data, [v for v in visitors if v])
    report = IngestReport()
    for refund in refunds:
        _record_refund(session, workspace_id, refund, report)
    for incoming in orders:
        _record_order(session, workspace_id, incoming, data, report)
    session.flush()
    return report


def _record_refund(
    session: Session, workspace_id: int, refund: RefundIn, report: IngestReport
) -> None:
    seen = session.scalar(
        select(Refund.id).where(
            Refund.workspace_id == workspace_id,
            Refund.source == refund.source.value,
            Refund.source_id == refund.source_id,
        )
    )
    if seen is not None:
        report.refunds_unchanged += 1
        return
    order = session.scalar(
        select(Order).where(
            Order.workspace_id == workspace_id,
            Order.source == refund.source.value,
            Order.source_id == refund.order_source_id,
        )
    )
    before = _contribution(session, order) if order is not None else None
    session.add(
        Refund(
            workspace_id=workspace_id,
            source=refund.source.value,
            source_id=refund.source_id,
            order_source_id=refund.order_source_id,
            refunded_at=refund.refunded_at,
            currency=refund.currency,
            amount_minor=refund.amount_minor,
        )
    )
    session.flush()
    if order is not None and before is not None:
        _apply(session, workspace_id, before, -1)
        _apply(session, workspace_id, _contribution(session, order), +1)
    report.refunds_created += 1


def _record_order(
    session: Session,
    workspace_id: int,
    incoming: OrderIn,
    data: AttributionData,
    report: IngestReport,
) -> None:
    found = _attribution(incoming, data)
    target = found.target
    values = {name: getattr(incoming, name) for name in _FIELDS}
    values.update(
        codes=list(incoming.codes),
        method=found.method.value,
        creator_id=target.creator_id if target else None,
        campaign_id=target.campaign_id if target else None,
        deal_id=target.deal_id if target else None,
        link_id=target.link_id if target else None,
        reason={"code": found.reason.code, "params": dict(found.reason.params)},
    )
    order = session.scalar(
        select(Order).where(
            Order.workspace_id == workspace_id,
            Order.source == incoming.source.value,
            Order.source_id == incoming.source_id,
        )
    )
    if order is None:
        order = Order(
            workspace_id=workspace_id,
            source=incoming.source.value,
            source_id=incoming.source_id,
            **values,
        )
        session.add(order)
        session.flush()
        report.created += 1
    else:
        if all(getattr(order, k) == v for k, v in values.items()):
            report.unchanged += 1
            _count(report, target)
            return
        _apply(session, workspace_id, _contribution(session, order), -1)
        for key, value in values.items():
            setattr(order, key, value)
        order.updated_at = datetime.now(UTC)
        session.flush()
        report.updated += 1
    _apply(session, workspace_id, _contribution(session, order), +1)
    _count(report, target)


def _count(report: IngestReport, target: LinkTarget | None) -> None:
    if target is None:
        report.unattributed += 1
    else:
        report.attributed += 1
