"""The demo's first campaign report tells a story: a big audience that sells little, a small
one that sells a lot, orders tied by code, click and UTM, some unattributed, one refund."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.demo import build_demo
from influent.services.orders import campaign_report
from influent.store.campaign_models import Campaign
from influent.store.models import Creator
from influent.store.order_models import Order, Refund


def test_the_demo_launch_has_orders_that_tell_a_story(influent: Influent) -> None:
    with influent.session() as session:
        summary = build_demo(session, creators=60, days=60, today=date(2025, 3, 31))
    with influent.session() as session:
        methods = dict(
            session.execute(
                select(Order.method, func.count())
                .where(Order.workspace_id == summary.workspace_id)
                .group_by(Order.method)
            ).all()
        )
        assert set(methods) == {"code", "click", "utm", "none"}, methods
        assert session.scalar(select(func.count()).select_from(Refund)) == 1
        launch = session.scalar(select(Campaign).where(Campaign.name == "Lancement sérum"))
        assert launch is not None
        report = campaign_report(session, workspace_id=summary.workspace_id, campaign_id=launch.id)
        followers = dict(
            session.execute(
                select(Creator.id, Creator.followers).where(
                    Creator.id.in_([r.creator_id for r in report.rows])
                )
            ).all()
        )
    sellers = [r for r in report.rows if r.deals and r.performance.orders]
    assert len(sellers) >= 2
    biggest = max(sellers, key=lambda r: followers[r.creator_id])
    smallest = min(sellers, key=lambda r: followers[r.creator_id])
    assert biggest.performance.orders <= 5 < smallest.performance.orders
    assert smallest.returns.roi is not None and biggest.returns.roi is not None
    assert smallest.returns.roi > 1 > biggest.returns.roi
    assert report.rows[0].creator_id == smallest.creator_id  # the best ROI comes first
    assert report.unattributed.performance.orders >= 12
    assert report.totals.performance.refunded_minor > 0
    # The rows still add up.
    rows = [*report.rows, report.unattributed]
    assert sum(r.performance.orders for r in rows) == report.totals.performance.orders
