"""Orders in: idempotent on their source id, refunds in any order, rollups that reconcile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from influent.domain.attribution import VISITOR_PARAM, Click, LinkTarget
from influent.domain.orders import OrderIn, RefundIn, Source
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.orders import AttributionData, record
from influent.store.models import Creator
from influent.store.order_models import Order, OrderRollup

T0 = datetime(2027, 3, 1, 12, tzinfo=UTC)


def _setup(influent: Influent, workspace_id: int) -> tuple[AttributionData, LinkTarget]:
    with influent.session() as session:
        campaign = create_campaign(session, workspace_id=workspace_id, name="Lancement sérum")
        creator = Creator(workspace_id=workspace_id, name="Léna", name_key="lena", custom_fields={})
        session.add(creator)
        session.flush()
        target = LinkTarget(creator_id=creator.id, campaign_id=campaign.id, deal_id=7, link_id=9)
    data = AttributionData(
        codes={"lena15": target},
        clicks_of=lambda visitor: (
            [Click(T0 - timedelta(days=2), "v42", target)] if visitor == "v42" else []
        ),
    )
    return data, target


def order(source_id: str, total: int, **extra: object) -> OrderIn:
    fields: dict[str, object] = {
        "source": Source.SHOPIFY,
        "source_id": source_id,
        "placed_at": T0,
        "currency": "EUR",
        "total_minor": total,
    }
    fields.update(extra)
    return OrderIn(**fields)  # type: ignore[arg-type]


def _totals(influent: Influent, workspace_id: int) -> tuple[int, int, int]:
    with influent.session() as session:
        row = session.execute(
            select(
                func.sum(OrderRollup.orders),
                func.sum(OrderRollup.revenue_minor),
                func.sum(OrderRollup.refunded_minor),
            ).where(OrderRollup.workspace_id == workspace_id)
        ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)


def test_it_counts_a_replayed_order_once(influent: Influent, workspace_id: int) -> None:
    data, target = _setup(influent, workspace_id)
    batch = [order("1001", 4_990, codes=("LENA15",)), order("1002", 2_500)]
    with influent.session() as session:
        first = record(session, workspace_id=workspace_id, orders=batch, data=data)
    with influent.session() as session:
        again = record(session, workspace_id=workspace_id, orders=batch, data=data)
    assert (first.created, first.attributed, first.unattributed) == (2, 1, 1)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert _totals(influent, workspace_id) == (2, 7_490, 0)
    with influent.session() as session:
        mine = session.scalar(select(Order).where(Order.source_id == "1001"))
        assert mine is not None and mine.creator_id == target.creator_id and mine.method == "code"


def test_a_refund_before_its_order_still_reduces_revenue(
    influent: Influent, workspace_id: int
) -> None:
    data, _ = _setup(influent, workspace_id)
    refund = RefundIn(Source.SHOPIFY, "r1", "2001", T0 + timedelta(days=1), "EUR", 1_000)
    with influent.session() as session:
        record(session, workspace_id=workspace_id, refunds=[refund], data=data)
    assert _totals(influent, workspace_id) == (0, 0, 0)
    with influent.session() as session:
        record(session, workspace_id=workspace_id, orders=[order("2001", 3_000)], data=data)
        record(session, workspace_id=workspace_id, refunds=[refund], data=data)  # replayed
    assert _totals(influent, workspace_id) == (1, 3_000, 1_000)
    later = RefundIn(Source.SHOPIFY, "r2", "2001", T0 + timedelta(days=2), "EUR", 5_000)
    with influent.session() as session:
        record(session, workspace_id=workspace_id, refunds=[later], data=data)
    # Never more refunded than the order's total.
    assert _totals(influent, workspace_id) == (1, 3_000, 3_000)


def test_an_export_and_a_webhook_for_the_same_refund_do_not_add_up(
    influent: Influent, workspace_id: int
) -> None:
    data, _ = _setup(influent, workspace_id)
    with influent.session() as session:
        record(
            session,
            workspace_id=workspace_id,
            orders=[order("3001", 5_000)],
            refunds=[RefundIn(Source.SHOPIFY, "r9", "3001", T0, "EUR", 1_500)],
            data=data,
        )
        # The orders export states the same refund on the order row.
        record(
            session,
            workspace_id=workspace_id,
            orders=[order("3001", 5_000, stated_refund_minor=1_500)],
            data=data,
        )
    assert _totals(influent, workspace_id) == (1, 5_000, 1_500)


def test_an_update_moves_the_order_between_buckets_and_a_cancellation_removes_it(
    influent: Influent, workspace_id: int
) -> None:
    data, target = _setup(influent, workspace_id)
    landing = f"/serum?{VISITOR_PARAM}=v42"
    with influent.session() as session:
        record(session, workspace_id=workspace_id, orders=[order("4001", 2_000)], data=data)
        record(
            session,
            workspace_id=workspace_id,
            orders=[order("4001", 2_200, landing_site=landing)],
            data=data,
        )
    with influent.session() as session:
        rows = session.scalars(
            select(OrderRollup).where(OrderRollup.workspace_id == workspace_id)
        ).all()
        by_creator = {r.creator_id: (r.orders, r.revenue_minor) for r in rows}
    assert by_creator == {0: (0, 0), target.creator_id: (1, 2_200)}
    with influent.session() as session:
        record(
            session,
            workspace_id=workspace_id,
            orders=[order("4001", 2_200, landing_site=landing, status="cancelled")],
            data=data,
        )
    assert _totals(influent, workspace_id) == (0, 0, 0)
