"""Export, then import: nothing is lost, nothing is duplicated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from influent.domain.platforms import Platform
from influent.services import creators as service
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.services.imports.export import EXPORT_COLUMNS, export_creators
from influent.store.models import Account, Creator

SOURCE = (
    "Nom;Pseudo;Réseau;Lien;Abonnés;Abonnements;Publications;Taux d'engagement;E-mail;Agence;"
    "Pays;Langue;Catégorie;Tags;Notes;Budget;Dernière campagne\n"
    "Élodie Marchand;@elodie.cuisine;Instagram;;150k;812;1 204;5,3%;elodie@exemple.fr;"
    "Agence Étoile;France;Français;Cuisine;vegan, beauté;Très réactive;1 200 €;Noël 2023\n"
    "Chloé;chloe_b;TikTok;;1,2M;;;4 %;;;Belgique;;Mode;mode;;;\n"
    "Ola Nordmann;;;youtube.com/channel/UC1234567890abcdefABCDEF;900;;;;;;Norway;;;;"
    '"Deux lignes\nde notes";;\n'
    "Podcast Café;;;https://podcasts.apple.com/fr/podcast/cafe/id123456;;;;;;;;;;;;;\n"
    "Le Blog;;blog;https://blog.exemple.fr/cuisine;;;;0,0123456789%;;;;;;;;;\n"
)


def creator_state(influent: Influent, workspace_id: int) -> list[dict[str, Any]]:
    """Every creator of a workspace as plain data, keyed by accounts, without ids."""
    with influent.session() as session:
        creators = session.scalars(
            select(Creator)
            .where(Creator.workspace_id == workspace_id)
            .options(selectinload(Creator.accounts), selectinload(Creator.tags))
        ).all()
        state = []
        for c in creators:
            accounts = sorted(
                (
                    a.platform,
                    a.handle,
                    a.handle_key,
                    a.url,
                    a.external_id,
                    a.followers,
                    a.following,
                    a.posts_count,
                    None if a.engagement_rate is None else round(a.engagement_rate, 12),
                )
                for a in c.accounts
            )
            state.append(
                {
                    "accounts": accounts,
                    "name": c.name,
                    "name_key": c.name_key,
                    "email": c.email,
                    "agent": c.agent,
                    "country": c.country,
                    "language": c.language,
                    "category": c.category,
                    "notes": c.notes,
                    "custom_fields": c.custom_fields,
                    "tags": sorted(t.name for t in c.tags),
                    "platform": c.platform,
                    "handle": c.handle,
                    "followers": c.followers,
                    "engagement_rate": c.engagement_rate,
                    "search_text": c.search_text,
                }
            )
        return sorted(state, key=lambda s: s["accounts"])


@pytest.fixture
def source(influent: Influent, workspace_id: int, tmp_path: Path) -> int:
    """A workspace with imported creators, one added by hand with two accounts."""
    path = tmp_path / "source.csv"
    path.write_text(SOURCE, encoding="utf-8")
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=path)
        assert report.problems == [] and report.created == 5
        marie = service.add_creator(
            session,
            workspace_id=workspace_id,
            name="Marie Dupont",
            account=service.NewAccount(Platform.INSTAGRAM, "@Marie.Cuisine", 48_000, 0.061),
            fields={"email": "Marie@Example.com", "country": "fr", "notes": "Contact via agent"},
            tags=["food", "lyon"],
        )
        # An id the platform gave, that no URL carries.
        session.execute(
            Account.__table__.update()
            .where(Account.creator_id == marie.id)
            .values(external_id="17841400000000001")
        )
        marie_id = marie.id
    second = tmp_path / "second.csv"
    second.write_text(
        "influent_id,handle,platform,followers,engagement\n"
        f"{marie_id},@mariecooks,youtube,5 000,2%\n",
        encoding="utf-8",
    )
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=second)
        assert (report.created, report.problems) == (1, [])
    return marie_id


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_round_trips_every_field_through_an_export(
    influent: Influent, workspace_id: int, source: int, tmp_path: Path, suffix: str
) -> None:
    original = creator_state(influent, workspace_id)
    assert len(original) == 6
    marie = next(s for s in original if s["name"] == "Marie Dupont")
    assert [a[0] for a in marie["accounts"]] == ["instagram", "youtube"]
    assert marie["followers"] == 48_000  # the largest account leads

    exported = tmp_path / f"creators{suffix}"
    with influent.session() as session:
        rows = export_creators(session, workspace_id=workspace_id, path=exported)
    assert rows == 7  # one row per account

    with influent.session() as session:
        fresh = ensure_workspace(session, name="Round trip").id
    with influent.session() as session:
        report = import_creators(session, workspace_id=fresh, path=exported)
    assert report.problems == []
    assert (report.created, report.updated, report.unchanged) == (7, 0, 0)
    assert report.mapping["Budget"] == "custom field"
    assert {report.mapping[f.value] for f in EXPORT_COLUMNS} == {f.value for f in EXPORT_COLUMNS}
    assert creator_state(influent, fresh) == original

    # The same file into the workspace it came from, and again into the new one: no change.
    for target in (workspace_id, fresh):
        with influent.session() as session:
            again = import_creators(session, workspace_id=target, path=exported)
        assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 7, 0)
    assert creator_state(influent, workspace_id) == original
    assert creator_state(influent, fresh) == original


def test_it_exports_rates_as_percentages_and_keeps_line_breaks(
    influent: Influent, workspace_id: int, source: int, tmp_path: Path
) -> None:
    exported = tmp_path / "creators.csv"
    with influent.session() as session:
        export_creators(session, workspace_id=workspace_id, path=exported)
    text = exported.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(
        [*(f.value for f in EXPORT_COLUMNS), "Budget", "Dernière campagne"]
    )
    assert ",5.3%," in text
    assert '"Deux lignes\nde notes"' in text
