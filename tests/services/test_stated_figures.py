"""A spreadsheet's followers and engagement count, as stated: a provisional score, labelled."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from influent.domain.content import STATED_SNAPSHOT
from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.i18n import Translator
from influent.services.imports.creator_import import import_creators
from influent.services.vetting import audit_creator
from influent.services.vetting.quality_table import quality_of
from influent.store.models import Snapshot

english, french = Translator("en").say, Translator("fr").say


def _import(influent: Influent, workspace_id: int, path: Path, followers: str) -> int:
    path.write_text(
        f"Nom;Pseudo;Réseau;Abonnés;Taux d'engagement\nMarie;@marie;Instagram;{followers};5,3 %\n",
        encoding="utf-8",
    )
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=path)
        assert report.written and not report.problems
        return list_creators(session, workspace_id=workspace_id, query=CreatorQuery()).items[0].id


def test_an_imported_creator_gets_a_provisional_score_in_both_languages(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    creator_id = _import(influent, workspace_id, tmp_path / "mine.csv", "150k")
    with influent.session() as session:
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id)
        stored = quality_of(session, [creator_id])[creator_id]
    main = audit.main
    assert main is not None and main.quality.score is not None
    assert main.quality.provisional
    assert set(main.stated) == {"followers", "engagement"} and main.stated_on is not None
    assert main.engagement.value == 0.053
    engagement = next(s for s in main.quality.signals if s.name == "engagement_vs_tier")
    assert engagement.stated and engagement.weight == 12.5
    note_en, note_fr = english(main.quality.note), french(main.quality.note)
    assert f"{main.quality.score}/100, provisional: 1 of 7 signals" in note_en
    assert "Stated in your file, not measured: engagement vs tier" in note_en
    assert f"{main.quality.score}/100, provisoire\u00a0: 1 signal sur 7" in note_fr
    assert "Déclarés dans votre fichier" in note_fr
    # The import stored the score for the creators table.
    assert stored.score == main.quality.score and stored.provisional
    assert stored.signals_used == 1


def test_each_import_records_the_stated_followers_as_a_snapshot(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    _import(influent, workspace_id, tmp_path / "march.csv", "150k")
    _import(influent, workspace_id, tmp_path / "april.csv", "152k")
    _import(influent, workspace_id, tmp_path / "may.csv", "152k")
    with influent.session() as session:
        rows = session.execute(
            select(Snapshot.followers, Snapshot.source).order_by(Snapshot.taken_at)
        ).all()
    # Stated again, even unchanged: the history says the figure still held that day.
    assert [tuple(r) for r in rows] == [
        (150_000, STATED_SNAPSHOT),
        (152_000, STATED_SNAPSHOT),
        (152_000, STATED_SNAPSHOT),
    ]
