"""Audience quality in the creators table: stored per creator, sorted and filtered on both
databases, with pods ranked below clean creators and provisional scores never on top alone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from demo_copies import demo_in
from influent.domain.platforms import tier_for
from influent.services.core import Influent
from influent.services.creators import CreatorFilters, list_creators, table_rows
from influent.services.demo.builder import DemoSummary, Story
from influent.services.i18n import Translator
from influent.services.vetting import audit_creator
from influent.services.vetting.quality_table import quality_of, refresh_quality
from influent.services.worker import run_quality
from influent.store.models import Creator

TODAY = date(2025, 3, 31)
english, french = Translator("en").say, Translator("fr").say


@pytest.fixture
def demo(influent: Influent) -> DemoSummary:
    return demo_in(influent, creators=30, days=60, today=TODAY)


def _listed(influent: Influent, workspace_id: int, **filters: str) -> list[int]:
    query, problems = CreatorFilters(**filters).query(page=1, per_page=500)
    assert not problems
    with influent.session() as session:
        return [c.id for c in list_creators(session, workspace_id=workspace_id, query=query).items]


def test_the_pod_creator_ranks_below_the_clean_creators_of_its_tier(
    influent: Influent, demo: DemoSummary
) -> None:
    (pod,) = demo.with_story(Story.ENGAGEMENT_POD)
    storied = {s.creator_id for s in demo.stories}
    with influent.session() as session:
        creators = list(
            session.scalars(select(Creator).where(Creator.workspace_id == demo.workspace_id))
        )
        scores = quality_of(session, [c.id for c in creators])
        audit = audit_creator(
            session,
            workspace_id=demo.workspace_id,
            creator_id=pod.creator_id,
            now=datetime.combine(TODAY, datetime.min.time(), UTC),
        )
    followers = {c.id: c.followers for c in creators}
    platform = {c.id: c.platform for c in creators}
    tier = tier_for(followers[pod.creator_id])
    clean = [
        c.id
        for c in creators
        if c.id not in storied
        and platform[c.id] == pod.platform.value
        and tier_for(followers[c.id]) == tier
        and scores[c.id].score is not None
    ]
    assert clean
    pod_rank = scores[pod.creator_id].rank
    assert pod_rank is not None
    assert all(pod_rank < (scores[c].rank or 0) for c in clean)
    assert "engagement_pod" in scores[pod.creator_id].flags
    assert audit.main is not None
    engagement = next(s for s in audit.main.quality.signals if s.name == "engagement_vs_tier")
    assert "generic comments: a sign of engagement pods" in english(engagement.sentence)
    assert "signe de pods d’engagement" in french(engagement.sentence)
    # The same demo serves the table's sort and filters (a demo is slow to build).
    _sorts_and_filters_by_quality(influent, demo)


def _sorts_and_filters_by_quality(influent: Influent, demo: DemoSummary) -> None:
    ws = demo.workspace_id
    with influent.session() as session:
        ids = [c.id for c in session.scalars(select(Creator).where(Creator.workspace_id == ws))]
        scores = quality_of(session, ids)
    ranked = _listed(influent, ws, sort="-quality")
    ranks = [scores[i].rank for i in ranked if i in scores and scores[i].rank is not None]
    assert ranks == sorted(ranks, reverse=True)
    # The top of the list is a score resting on measured evidence, not a provisional one.
    assert not scores[ranked[0]].provisional
    best_provisional = max(
        (s for s in scores.values() if s.provisional and s.rank is not None),
        key=lambda s: s.rank or 0,
    )
    assert best_provisional.score is not None and best_provisional.rank is not None
    above = [s for s in scores.values() if not s.provisional and s.score is not None]
    assert any(s.rank is not None and s.rank > best_provisional.rank for s in above)
    # "Quality below 50", and the flags.
    below = set(_listed(influent, ws, max_quality="49"))
    assert set(_listed(influent, ws, max_quality="49", sort="-quality")) == below
    assert below == {i for i, s in scores.items() if s.score is not None and s.score <= 49}
    assert {s.creator_id for s in demo.with_story(Story.ENGAGEMENT_POD)} <= below
    growth = set(_listed(influent, ws, flag="growth_anomalies"))
    assert growth == {i for i, s in scores.items() if "growth_anomalies" in s.flags}
    assert {s.creator_id for s in demo.with_story(Story.BOUGHT_FOLLOWERS)} <= growth
    pods = set(_listed(influent, ws, flag="engagement_pod"))
    assert pods == {s.creator_id for s in demo.with_story(Story.ENGAGEMENT_POD)}
    provisional = set(_listed(influent, ws, flag="provisional", min_quality="0"))
    assert provisional == {i for i, s in scores.items() if s.provisional}


def test_it_reads_quality_filters_once_for_every_face() -> None:
    _, problems = CreatorFilters(max_quality="lots", flag="shady").query(page=1, per_page=50)
    assert problems == {
        "max_quality": "filters.problem.quality",
        "flag": "filters.problem.flag",
    }
    query, problems = CreatorFilters(min_quality="50/100", flag="Growth-Anomalies").query(
        page=1, per_page=50
    )
    assert not problems and query.min_quality == 50 and query.flag == "growth_anomalies"


def test_the_table_rows_carry_the_stored_score_and_the_worker_refreshes_it(
    influent: Influent, demo: DemoSummary
) -> None:
    ws = demo.workspace_id
    with influent.session() as session:
        session.execute(Creator.__table__.update().values(updated_at=datetime.now(UTC)))
        creators = list(session.scalars(select(Creator).where(Creator.workspace_id == ws)))
        before = quality_of(session, [c.id for c in creators])
    summary = run_quality(influent)
    assert summary[str(ws)] == len(creators)
    with influent.session() as session:
        after = quality_of(session, [c.id for c in creators])
        rows = table_rows(session, creators[:5], None)
        assert refresh_quality(session, workspace_id=ws, creator_ids=[]) == 0
    assert all(after[i].computed_at >= before[i].computed_at for i in before)
    assert [r.quality.creator_id for r in rows if r.quality] == [c.id for c in creators[:5]]
