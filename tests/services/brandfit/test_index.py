"""The creator index as the shortlist's first stage, in a workspace made to count as large."""

from __future__ import annotations

import pytest

from brandfit_testing import seed_creator
from influent.services.brandfit import (
    _index,
    _shortlist,
    brief_from_toml,
    build_workspace_index,
    refresh_vectors,
    refresh_workspace_index,
    save_brief,
    shortlist,
)
from influent.services.core import Influent
from influent_testing import FIXTURES

BRIEF = (FIXTURES / "brandfit" / "maison-verte.toml").read_text(encoding="utf-8")
REF = "maison-verte-serum-vegan"

ON_TOPIC = {
    "Léa Soin": ["Ma routine du soir pour peau sensible, cosmétiques vegan", "Sérum sans parfum"],
    "Jade Glow": ["Gentle vegan skincare for sensitive skin", "Fragrance-free serum review"],
    "Inès Clean": ["Clean beauty : lire une liste INCI", "Cosmétiques naturels et vegan"],
}
OFF_TOPIC = {
    "Foot Total": ["Le résumé du match : trois buts", "Mercato de l'été en Ligue 1"],
    "Speed Run": ["Video game speedrun world record", "Esports finals recap"],
    "Van Life": ["Road trip en van dans les Alpes", "Aménager son van"],
    "Money Tips": ["Investing for beginners: index funds", "Budget spreadsheet for families"],
    "Tech Test": ["Smartphone review: battery and camera", "Best laptops for students"],
}


def _seed(influent: Influent, workspace_id: int, names: dict[str, list[str]]) -> dict[str, int]:
    return {
        name: seed_creator(
            influent, workspace_id, name=name, handle=name.lower().replace(" ", "."), posts=posts
        )
        for name, posts in names.items()
    }


@pytest.fixture
def large(influent: Influent, workspace_id: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Eight creators, the index threshold lowered so that they count as a large workspace."""
    ids = _seed(influent, workspace_id, {**ON_TOPIC, **OFF_TOPIC})
    with influent.session() as session:
        save_brief(session, workspace_id=workspace_id, data=brief_from_toml(BRIEF))
        # Embed everyone once, as the whole-workspace path does, before the index exists.
        shortlist(session, workspace_id=workspace_id, brief_ref=REF)
    monkeypatch.setattr(_index, "INDEX_FROM", 3)
    monkeypatch.setattr(_shortlist, "INDEX_POOL", 3)
    return ids


def test_the_index_proposes_the_best_reading_creators_and_the_ranking_is_unchanged(
    influent: Influent, workspace_id: int, large: dict[str, int]
) -> None:
    with influent.session() as session:
        threshold = _index.INDEX_FROM
        _index.INDEX_FROM = 10**9
        whole = shortlist(session, workspace_id=workspace_id, brief_ref=REF, limit=1)
        _index.INDEX_FROM = threshold
        indexed = shortlist(session, workspace_id=workspace_id, brief_ref=REF, limit=1)
    assert whole.indexed is None and whole.considered == 8
    # Only the index's three best-reading creators are scored, and they are the on-topic ones.
    assert indexed.indexed == 8 and indexed.considered == 3
    on_topic = {large[name] for name in ON_TOPIC}
    assert indexed.results[0].creator_id in on_topic
    assert [r.creator_id for r in indexed.results] == [r.creator_id for r in whole.results]
    assert [r.score for r in indexed.results] == pytest.approx([r.score for r in whole.results])


def test_a_creator_embedded_after_the_index_was_built_is_still_scored(
    influent: Influent, workspace_id: int, large: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with influent.session() as session:
        first = shortlist(session, workspace_id=workspace_id, brief_ref=REF, limit=1)
    assert first.indexed == 8 and first.considered == 3
    late = _seed(influent, workspace_id, {"Nina Bio": ["Sérum vegan pour peau sensible"]})
    monkeypatch.setattr(_index, "STALE_SHARE", 10.0)  # never rebuilt: the new one is "fresh"
    monkeypatch.setattr(_index, "RECHECK_SECONDS", 0.0)
    with influent.session() as session:
        # Her texts are embedded by this query (refresh of the proposed creators) or the next.
        refresh_vectors(session, workspace_id=workspace_id)
    with influent.session() as session:
        result = shortlist(session, workspace_id=workspace_id, brief_ref=REF, limit=1)
    assert result.indexed == 8  # not rebuilt
    # The index's three, and she, whose vectors are newer than the index.
    assert result.considered == 4
    with influent.session() as session:
        wider = shortlist(session, workspace_id=workspace_id, brief_ref=REF, limit=4)
    assert late["Nina Bio"] in {r.creator_id for r in wider.results}


def test_the_index_is_rebuilt_when_many_vectors_arrived(
    influent: Influent, workspace_id: int, large: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with influent.session() as session:
        assert shortlist(session, workspace_id=workspace_id, brief_ref=REF).indexed == 8
    _seed(influent, workspace_id, {"Nina Bio": ["Sérum vegan"], "Zoé Yoga": ["Yoga du matin"]})
    monkeypatch.setattr(_index, "RECHECK_SECONDS", 0.0)
    with influent.session() as session:
        refresh_vectors(session, workspace_id=workspace_id)
    with influent.session() as session:
        assert shortlist(session, workspace_id=workspace_id, brief_ref=REF).indexed == 10


def test_the_index_keeps_the_platform_filter(
    influent: Influent, workspace_id: int, large: dict[str, int]
) -> None:
    tube = seed_creator(
        influent,
        workspace_id,
        name="Tube Soin",
        handle="tubesoin",
        platform="youtube",
        posts=["Routine vegan pour peau sensible en vidéo", "Mon sérum sans parfum préféré"],
    )
    with influent.session() as session:
        refresh_vectors(session, workspace_id=workspace_id)
        build_workspace_index(session, workspace_id=workspace_id)
        result = shortlist(
            session, workspace_id=workspace_id, brief_ref=REF, platforms=["youtube"], limit=3
        )
    assert result.indexed == 9
    assert [r.creator_id for r in result.results] == [tube]


def test_a_small_workspace_is_scored_whole_and_builds_no_index(
    influent: Influent, workspace_id: int
) -> None:
    _seed(influent, workspace_id, ON_TOPIC)
    with influent.session() as session:
        save_brief(session, workspace_id=workspace_id, data=brief_from_toml(BRIEF))
        result = shortlist(session, workspace_id=workspace_id, brief_ref=REF)
        assert refresh_workspace_index(session, workspace_id=workspace_id) is None
    assert result.indexed is None and result.considered == 3
    assert not (influent.settings.data_dir / "indexes").exists()
