"""An unedited export imports back as "every row unchanged": full precision, provenance kept."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from influent.domain.values import percent_text
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.services.demo.builder import build_demo
from influent.services.imports.creator_import import import_creators
from influent.services.imports.export import export_creators
from influent.store.models import Account, Creator

CREATORS = 40
PLATFORMS = ("instagram", "tiktok", "youtube", "podcast", "blog")


def state(influent: Influent, workspace_id: int) -> list[dict[str, Any]]:
    """Every creator and account of a workspace as plain data, floats exact, without ids."""
    with influent.session() as session:
        creators = session.scalars(
            select(Creator)
            .where(Creator.workspace_id == workspace_id)
            .options(selectinload(Creator.accounts), selectinload(Creator.tags))
        ).all()
        found = [
            {
                "name": c.name,
                "fields": (c.email, c.agent, c.country, c.language, c.category, c.notes),
                "custom": c.custom_fields,
                "tags": sorted(t.name for t in c.tags),
                "main": (c.platform, c.handle, c.followers, c.engagement_rate, c.search_text),
                "accounts": sorted(
                    (
                        a.platform,
                        a.handle_key,
                        a.handle,
                        a.url,
                        a.external_id,
                        a.followers,
                        a.following,
                        a.posts_count,
                        a.engagement_rate,
                        a.stats_source,
                    )
                    for a in c.accounts
                ),
            }
            for c in creators
        ]
    return sorted(found, key=lambda s: s["accounts"])


def account_cells(rand: random.Random, n: int, platform: str) -> list[str]:
    """Platform, handle and URL cells of one generated account."""
    handle = f"createur{n}_{platform}"
    url = {
        "instagram": f"https://www.instagram.com/{handle}",
        "tiktok": f"https://www.tiktok.com/@{handle}",
        "youtube": f"https://www.youtube.com/@{handle}",
        "podcast": f"https://podcasts.apple.com/fr/podcast/{handle}/id{1000 + n}",
        "blog": f"https://{handle.replace('_', '-')}.example.fr/blog",
    }[platform]
    return [platform, handle if platform in ("instagram", "tiktok", "youtube") else "", url]


def generated_file(path: Path, seed: int = 7) -> None:
    """Creators with every field and two custom fields filled, rates with every digit."""
    rand = random.Random(seed)
    header = (
        "name;platform;handle;url;followers;following;posts;engagement;email;agent;country;"
        "language;category;tags;notes;Budget;Dernière campagne"
    )
    lines = [header]
    for n in range(CREATORS):
        for platform in rand.sample(PLATFORMS, rand.choice((1, 1, 2))):
            cells = [
                f"Créatrice n°{n} « Élodie »",
                *account_cells(rand, n, platform),
                str(rand.randrange(100, 3_000_000)),
                str(rand.randrange(0, 8_000)),
                str(rand.randrange(1, 5_000)),
                percent_text(rand.random() * rand.choice((0.3, 0.05, 0.001))),
                f"contact{n}@example.fr",
                "Agence Étoile" if n % 3 else "Talents & Co",
                rand.choice(("FR", "BE", "CH", "CA")),
                rand.choice(("fr", "en")),
                rand.choice(("Beauté", "Cuisine", "Voyage")),
                ", ".join(rand.sample(["vegan", "bio", "zéro déchet", "Q3"], 2)),
                f'"Rappeler lundi; tarif {n} €\nDeuxième ligne, ""citée"""',
                f"{rand.randrange(100, 9_000)} €",
                rand.choice(("Noël 2025", "Printemps", "Rentrée")),
            ]
            lines.append(";".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def generated(influent: Influent, workspace_id: int, tmp_path: Path) -> int:
    """A workspace of generated creators; some accounts keep the provenance of another source."""
    source = tmp_path / "generated.csv"
    generated_file(source)
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=source)
        assert report.problems == [] and report.created > CREATORS
        session.execute(
            update(Account)
            .where(Account.workspace_id == workspace_id, Account.id % 2 == 0)
            .values(stats_source="demo")
        )
        session.execute(
            update(Account)
            .where(Account.workspace_id == workspace_id, Account.platform == "instagram")
            .values(external_id="17841400000000001")
        )
    return workspace_id


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unedited_export_of_a_full_workspace_imports_back_unchanged(
    influent: Influent, generated: int, tmp_path: Path, suffix: str
) -> None:
    before = state(influent, generated)
    rates = [a[8] for s in before for a in s["accounts"]]
    # Rates carry every digit of the float, well past the ten digits a short format keeps.
    assert any(len(repr(r)) > 14 for r in rates)
    assert {a[9] for s in before for a in s["accounts"]} == {"demo", "import"}
    exported = tmp_path / f"export{suffix}"
    with influent.session() as session:
        rows = export_creators(session, workspace_id=generated, path=exported)
    with influent.session() as session:
        report = import_creators(session, workspace_id=generated, path=exported)
    assert report.problems == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, rows)
    assert state(influent, generated) == before

    # Into an empty workspace: the same creators, the same numbers to the last digit.
    with influent.session() as session:
        fresh = ensure_workspace(session, name="Copie").id
    with influent.session() as session:
        copied = import_creators(session, workspace_id=fresh, path=exported)
    assert (copied.created, copied.updated, copied.unchanged) == (rows, 0, 0)

    def without_source(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**s, "accounts": [a[:9] for a in s["accounts"]]} for s in found]

    assert without_source(state(influent, fresh)) == without_source(before)


def test_an_unedited_export_of_the_demo_imports_back_unchanged(
    influent: Influent, tmp_path: Path
) -> None:
    with influent.session() as session:
        demo = build_demo(session, creators=40, days=20, today=date(2025, 3, 31))
    before = state(influent, demo.workspace_id)
    assert {a[9] for s in before for a in s["accounts"]} == {"demo"}
    exported = tmp_path / "demo.csv"
    with influent.session() as session:
        rows = export_creators(session, workspace_id=demo.workspace_id, path=exported)
    assert rows == demo.accounts
    with influent.session() as session:
        report = import_creators(session, workspace_id=demo.workspace_id, path=exported)
    assert report.problems == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, rows)
    assert state(influent, demo.workspace_id) == before
