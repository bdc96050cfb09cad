from __future__ import annotations

from pathlib import Path

from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.importing import import_creators


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
