"""The demo workspace's deals: every status, believable prices, one discount kept with a reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from influent.services.core import Influent
from influent.services.deals import deal_view, list_deals
from influent.services.demo import build_demo
from influent.store.deal_models import Deal


def test_the_demo_has_deals_at_every_status_priced_around_the_estimates(
    influent: Influent,
) -> None:
    with influent.session() as session:
        summary = build_demo(session, creators=40, days=60, today=date(2025, 3, 31))
    with influent.session() as session:
        deals = list_deals(session, workspace_id=summary.workspace_id)
        views = [deal_view(session, d, today=date(2025, 3, 31)) for d in deals]
        statuses = {v.status for v in views}
        assert statuses == {"proposed", "accepted", "live", "delivered", "paid", "cancelled"}
        campaigns = {v.campaign for v in views}
        assert campaigns == {"Lancement sérum", "Routine hiver"}
        ratios = sorted(v.fee / v.estimate_point for v in views if v.estimate_point)
        assert len(ratios) == len(views)
        middle = ratios[len(ratios) // 4 : -len(ratios) // 4]
        assert all(0.5 < r < 2 for r in middle)
        assert {v.position for v in views} >= {"within", "above", "below"}
        kept = [v for v in views if v.discount_reason]
        assert len(kept) == 1 and kept[0].code is not None and kept[0].code.percent_off == 25
        states = {v.code.state for v in views if v.code}
        assert {"expired", "active", "exhausted"} <= states
        assert all(any(e.kind == "offer" and e.party == "creator" for e in v.events) for v in views)
        assert session.scalar(select(Deal.id).limit(1)) is not None
