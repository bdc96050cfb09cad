"""The import wizard (upload, check, adjust, confirm) and the export downloads."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.settings import Settings
from web.conftest import Browser

FRENCH_CSV = (
    "Nom;Pseudo;Réseau;Abonnés;Taux d'engagement;Ville\n"
    "Marie Dupont;@marie.cuisine;Instagram;150k;5,3%;Lyon\n"
    "Hugo;hugo_velo;YouTube;8 200;2,1 %;Nantes\n"
).encode("cp1252")


def handles(influent: Influent, workspace_id: int) -> dict[str, int | None]:
    with influent.session() as session:
        page = list_creators(session, workspace_id=workspace_id, query=CreatorQuery())
        return {c.handle or "": c.followers for c in page.items}


def upload(client: Browser, name: str, data: bytes, **fields: str) -> str:
    response = client.submit("/import", fields, files={"file": (name, data)})
    return response.text


def test_it_imports_a_french_semicolon_file(
    owner: Browser, influent: Influent, workspace_id: int
) -> None:
    name = f"créateurs-{uuid.uuid4().hex}.csv"
    review = upload(owner, name, FRENCH_CSV)
    assert "cp1252" in review.lower() or "windows-1252" in review.lower()
    assert re.search(r'name="map:Abonnés"[^>]*>.*?<option value="followers" selected', review, re.S)
    assert re.search(r'name="map:Ville"[^>]*>\s*<option value="" selected', review, re.S)
    assert "<strong>2</strong> to create" in review
    assert handles(influent, workspace_id) == {}  # a check writes nothing
    done = owner.submit("/import/confirm")
    assert "Import finished" in done.text
    assert "<strong>2</strong> created" in done.text
    assert handles(influent, workspace_id) == {"marie.cuisine": 150_000, "hugo_velo": 8_200}
    assert not any((influent.settings.data_dir / "uploads").glob(f"*/{name}"))
    again = owner.submit("/import/confirm")
    assert "Upload it again" in again.text


def test_it_lets_the_user_remap_a_column(
    owner: Browser, influent: Influent, workspace_id: int
) -> None:
    data = "Nom;Pseudo;Réseau;Portée\nMarie;@marie;instagram;12k\n".encode()
    first = upload(owner, "list.csv", data)
    assert re.search(r'name="map:Portée"[^>]*>\s*<option value="" selected', first)
    remapped = owner.submit("/import/review", {"map:Portée": "followers"})
    assert re.search(
        r'name="map:Portée"[^>]*>.*?<option value="followers" selected', remapped.text, re.S
    )
    owner.submit("/import/confirm", {"map:Portée": "followers"})
    assert handles(influent, workspace_id) == {"marie": 12_000}


def test_it_shows_every_problem_row_and_imports_nothing_until_told(
    owner: Browser, influent: Influent, workspace_id: int
) -> None:
    data = (
        "Nom;Pseudo;Réseau;Abonnés\n"
        "Marie;@marie;instagram;12k\n"
        "Bad;@bad;instagram;beaucoup\n"
        # No handle and no name: nothing to know the creator by (a name alone would do).
        ";;instagram;5\n"
    ).encode()
    review = upload(owner, "list.csv", data)
    problems = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td>', review)
    assert [row for row, _ in problems] == ["3", "4"]
    assert "beaucoup" in review
    refused = owner.submit("/import/confirm")
    assert refused.status_code == 422
    assert "Nothing was imported" in refused.text
    assert handles(influent, workspace_id) == {}
    done = owner.submit("/import/confirm", {"skip_invalid": "on"})
    assert "<strong>1</strong> created" in done.text
    assert "<strong>2</strong> rejected" in done.text
    assert handles(influent, workspace_id) == {"marie": 12_000}


def test_it_explains_an_unreadable_file(owner: Browser) -> None:
    page = upload(owner, "broken.xlsx", b"this is not a workbook")
    assert "broken.xlsx is not a valid XLSX file." in page
    assert "Choose a CSV, XLSX or ODS file." in upload(owner, "photo.png", b"\x89PNG")
    no_handle = upload(owner, "x.csv", b"Colour;Size\nred;3\n")
    assert "has no handle or profile URL column" in no_handle


def test_it_refuses_a_file_over_the_upload_limit(owner: Browser, settings: Settings) -> None:
    settings.max_upload_mb = 1
    big = b"Pseudo\n" + b"@someone\n" * 130_000
    response = owner.submit("/import", files={"file": ("big.csv", big)})
    assert response.status_code == 413
    assert "larger than 1 MB" in response.text
    huge = owner.submit("/import", files={"file": ("huge.csv", big * 3)})
    assert huge.status_code == 413


def test_it_cancels_an_import(owner: Browser, settings: Settings) -> None:
    name = f"{uuid.uuid4().hex}.csv"
    upload(owner, name, FRENCH_CSV)
    uploads = settings.data_dir / "uploads"
    assert any(uploads.glob(f"*/{name}"))
    response = owner.submit("/import/cancel")
    assert response.url.path == "/import"
    assert not any(uploads.glob(f"*/{name}"))


def test_it_keeps_uploads_in_a_folder_only_its_owner_can_list(
    owner: Browser, settings: Settings
) -> None:
    upload(owner, "list.csv", FRENCH_CSV)
    for folder in (settings.data_dir, settings.data_dir / "uploads"):
        assert folder.stat().st_mode & 0o777 == 0o700
    (saved,) = (settings.data_dir / "uploads").glob("*/list.csv")
    assert saved.parent.stat().st_mode & 0o777 == 0o700


def test_it_survives_a_300_character_file_name(owner: Browser) -> None:
    name = "créateurs-" + "x" * 290 + ".csv"
    review = owner.submit("/import", files={"file": (name, FRENCH_CSV)})
    assert review.status_code == 200 and "to create" in review.text


def test_it_exports_what_it_imports(
    owner: Browser, viewer: Browser, make_creator: Callable[..., int], tmp_path: Path
) -> None:
    make_creator("lea.cuisine", name="Léa", followers=150_000, engagement_rate=0.053)
    make_creator("hugo_velo", name="Hugo", followers=8_000)
    response = viewer.get("/export.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {(r["name"], r["handle"], r["followers"]) for r in rows} == {
        ("Léa", "lea.cuisine", "150000"),
        ("Hugo", "hugo_velo", "8000"),
    }
    xlsx = owner.get("/export.xlsx")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx.content)
    sheet = load_workbook(path, read_only=True).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:4] == ["influent_id", "name", "platform", "handle"]
    assert sorted(r[1] for r in values[1:]) == ["Hugo", "Léa"]
