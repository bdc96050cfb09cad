"""The campaign day by day and the ROI ranking: read from rollups, drawn in the reader's language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from influent.services.core import Influent
from influent.services.orders import (
    campaign_report,
    campaign_timeline,
    ranked_creators,
    ranking_chart,
    timeline_chart,
)
from influent.store.deal_models import Deal, DealEvent, Deliverable
from services.test_orders_report import _world


def _publish(influent: Influent, workspace_id: int, creator_id: int, due: date) -> None:
    with influent.session() as session:
        deal = session.scalar(
            select(Deal).where(Deal.workspace_id == workspace_id, Deal.creator_id == creator_id)
        )
        assert deal is not None
        session.add(Deliverable(deal_id=deal.id, platform="instagram", format="story", due_on=due))


def test_the_days_add_up_to_the_reports_totals(influent: Influent, workspace_id: int) -> None:
    serum, _ = _world(influent, workspace_id)
    with influent.session() as session:
        timeline = campaign_timeline(session, workspace_id=workspace_id, campaign_id=serum)
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum)
    totals = report.totals
    assert timeline.clicks_human == totals.performance.clicks_human == 500
    assert timeline.net_minor == totals.returns.net_revenue_minor
    assert sum(d.orders for d in timeline.days) == totals.performance.orders == 9
    # Every day from the campaign's start to the last figure, gaps as zeros.
    assert timeline.days[0].day == date(2027, 3, 1)
    assert [d.day for d in timeline.days] == sorted({d.day for d in timeline.days})
    assert timeline.days[8].clicks_human == 250 and timeline.days[3].clicks_human == 0


def test_each_deliverable_is_marked_when_it_went_live_or_is_due(
    influent: Influent, workspace_id: int
) -> None:
    serum, ids = _world(influent, workspace_id)
    _publish(influent, workspace_id, ids["lena"], date(2027, 3, 20))
    _publish(influent, workspace_id, ids["hugo"], date(2027, 3, 20))
    with influent.session() as session:
        deal = session.scalar(select(Deal).where(Deal.creator_id == ids["hugo"]))
        assert deal is not None
        session.add(
            DealEvent(
                deal_id=deal.id,
                kind="status",
                from_status="accepted",
                to_status="live",
                created_at=datetime(2027, 3, 8, 18, tzinfo=UTC),
            )
        )
    with influent.session() as session:
        timeline = campaign_timeline(session, workspace_id=workspace_id, campaign_id=serum)
    marks = [(p.day, p.creator, p.live) for p in timeline.publications]
    assert marks == [(date(2027, 3, 8), "hugo", True), (date(2027, 3, 20), "lena", False)]


def test_the_charts_speak_the_readers_language_and_are_cached_by_content(
    influent: Influent, workspace_id: int
) -> None:
    serum, ids = _world(influent, workspace_id)
    _publish(influent, workspace_id, ids["lena"], date(2027, 3, 9))
    with influent.session() as session:
        timeline = campaign_timeline(session, workspace_id=workspace_id, campaign_id=serum)
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=serum)
    french = timeline_chart(timeline, locale="fr", fmt="svg").decode()
    english = timeline_chart(timeline, locale="en", fmt="svg").decode()
    assert "mars" in french and "Clics" in french
    assert "Mar" in english and "Clicks" in english
    png = timeline_chart(timeline, locale="fr", fmt="png")
    assert png.startswith(b"\x89PNG")
    assert timeline_chart(timeline, locale="fr", fmt="png") is png  # the same figures: cached
    ranked = ranked_creators(report)
    assert [name for name, *_ in ranked] == ["lena", "hugo"]
    ranking = ranking_chart(ranked, locale="fr", fmt="svg").decode()
    # Few orders are said, not hidden.
    assert "1 commande" in ranking and "6 commandes" in ranking
    assert "1 order" in ranking_chart(ranked, locale="en", fmt="svg").decode()


def test_an_empty_campaign_draws_a_sentence(influent: Influent, workspace_id: int) -> None:
    from services.test_orders_report import _campaign

    empty = _campaign(influent, workspace_id, "Rien encore")
    with influent.session() as session:
        timeline = campaign_timeline(session, workspace_id=workspace_id, campaign_id=empty)
        report = campaign_report(session, workspace_id=workspace_id, campaign_id=empty)
    assert timeline.days == ()
    assert "Pas encore" in timeline_chart(timeline, locale="fr", fmt="svg").decode()
    assert ranked_creators(report) == ()
