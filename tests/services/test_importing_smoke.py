from __future__ import annotations

from pathlib import Path

from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.imports.creator_import import import_creators


def test_it_imports_a_french_semicolon_file_on_both_backends(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "fr.csv"
    path.write_bytes(
        "Nom;Pseudo;Réseau;Abonnés;Taux d'engagement\nMarie;@marie;Instagram;150k;5,3%\n".encode(
            "cp1252"
        )
    )
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=path)
    assert (report.created, report.rejected, report.written) == (1, 0, True)
    with influent.session() as session:
        page = list_creators(session, workspace_id=workspace_id, query=CreatorQuery(text="mari"))
        assert [(c.handle, c.followers, c.engagement_rate) for c in page.items] == [
            ("marie", 150_000, 0.053)
        ]


def test_it_attaches_an_account_by_influent_id_only_to_a_creator_of_the_same_name(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text("name,platform,handle\nMarie Dupont,instagram,marie\n", encoding="utf-8")
    with influent.session() as session:
        import_creators(session, workspace_id=workspace_id, path=first)
        marie = list_creators(session, workspace_id=workspace_id, query=CreatorQuery()).items[0]
    other = tmp_path / "other.csv"
    other.write_text(
        "influent_id,name,platform,handle\n"
        f"{marie.id},Marie Dupont,tiktok,marie.tt\n"
        f"{marie.id},Someone Else,youtube,someone\n",
        encoding="utf-8",
    )
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=other)
    assert report.created == 2
    with influent.session() as session:
        creators = list_creators(
            session, workspace_id=workspace_id, query=CreatorQuery(sort="name")
        )
        names = {c.name: sorted(a.platform for a in c.accounts) for c in creators.items}
    assert names == {"Marie Dupont": ["instagram", "tiktok"], "Someone Else": ["youtube"]}
