"""The demo's shortlist reads true: on-topic creators first, risky ones flagged."""

from __future__ import annotations

from datetime import date

from influent.services.brandfit import shortlist
from influent.services.core import Influent
from influent.services.demo import build_demo


def test_the_demo_briefs_rank_on_topic_creators_above_big_off_topic_accounts(
    influent: Influent,
) -> None:
    with influent.session() as session:
        summary = build_demo(session, creators=20, days=30, today=date(2025, 3, 31))
        french = shortlist(
            session,
            workspace_id=summary.workspace_id,
            brief_ref="maison-verte-serum-vegan",
            tiers=["micro", "mid", "mega"],
            limit=100,
        )
        english = shortlist(
            session,
            workspace_id=summary.workspace_id,
            brief_ref="maison-verte-plant-based-kitchen-uk-launch",
            tiers=["micro", "mid", "macro", "mega"],
            limit=100,
        )
    rank = {r.name: r for r in french.results}
    assert rank["Inès Peau Douce"].rank < rank["Foot Passion FR"].rank
    assert rank["Emma Greenleaf"].rank < rank["Foot Passion FR"].rank  # English, same topic
    assert {f.kind for f in rank["Sophie Nature"].flags} >= {"competitor"}
    assert {f.kind for f in rank["Julie Tendance"].flags} >= {"excluded_topic"}
    assert {f.kind for f in rank["Foot Passion FR"].flags} >= {"sensitive"}  # paris sportifs
    english_rank = {r.name: r for r in english.results}
    assert english_rank["Priya Plant Kitchen"].rank < english_rank["GameOn Nation"].rank
    assert english_rank["Priya Plant Kitchen"].rank < english_rank["Burger King of Flavour"].rank
    assert {f.kind for f in english_rank["Tom Batch Cooks"].flags} >= {"competitor"}
    assert {f.kind for f in english_rank["Burger King of Flavour"].flags} >= {"excluded_topic"}
