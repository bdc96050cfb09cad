"""The orders import page: upload, preview with every bad row in the reader's language, all or
nothing, the generic columns in French, hostile files refused; the report's XLSX download."""

from __future__ import annotations

import io
import uuid

from openpyxl import load_workbook
from sqlalchemy import func, select

import hostile_files as hostile
from influent.services.core import Influent
from influent.settings import Settings
from influent.store.order_models import Order
from influent_testing import Team
from web.conftest import Browser

FRENCH_ORDERS = (
    "Export des commandes — mars\n"
    "Commande;Date;Devise;Montant;Code promo;Remboursé;Statut\n"
    "C-1;10/03/2027;EUR;49,90;LENA{serum};non;Payée\n"
    "C-2;10/03/2027 18:30;EUR;1 234,50;;oui;Remboursée\n"
    "C-3;11/03/2027;EUR;20,00;;;Annulée\n"
)
BAD_ORDERS = (
    "Commande;Date;Devise;Montant\nC-1;10/03/2027;EUR;49,90\nC-2;hier;EURO;-3\nC-3;;EUR;12\n"
)


def _count(influent: Influent) -> int:
    with influent.session() as session:
        return int(session.scalar(select(func.count()).select_from(Order)) or 0)


def _upload(client: Browser, data: str | bytes, name: str = "", **fields: str) -> str:
    body = data.encode("utf-8") if isinstance(data, str) else data
    response = client.submit(
        "/orders/import", fields, files={"file": (name or f"{uuid.uuid4().hex}.csv", body)}
    )
    return response.text


def test_it_previews_then_imports_a_french_generic_export(
    owner: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    before = _count(influent)
    page = _upload(owner, FRENCH_ORDERS.format(serum=serum), campaign=str(serum))
    assert "3 rows, 3 orders" in page and "Other shop" in page
    assert 'name="map:Montant"' in page and _count(influent) == before  # nothing written yet
    done = owner.submit(
        "/orders/import/confirm", {"campaign": str(serum), "source": "", "map:Montant": "total"}
    )
    assert done.status_code == 200, done.text
    assert "new orders 3" in done.text and f'href="/campaigns/{serum}/report"' in done.text
    assert _count(influent) == before + 3
    with influent.session() as session:
        first = session.scalar(select(Order).where(Order.source_id == "C-1"))
        assert first is not None and first.total_minor == 4_990 and first.method == "code"


def test_bad_rows_are_listed_in_both_languages_and_nothing_is_written(
    owner: Browser, influent: Influent
) -> None:
    page = _upload(owner, BAD_ORDERS)
    assert "“EURO” is not a currency" in page and "Devise" in page
    assert "The cell “Date” is empty." in page
    assert "orders-import-confirm" not in page
    refused = owner.submit("/orders/import/confirm", {"source": ""})
    assert refused.status_code == 422 and "nothing was written" in refused.text
    owner.submit("/settings/language", {"locale": "fr"})  # the account's language decides
    french = owner.post(
        "/orders/import",
        data={"csrf_token": owner.csrf},
        files={"file": ("mauvais.csv", BAD_ORDERS.encode())},
    )
    assert "«\u00a0EURO\u00a0» n’est pas une devise" in french.text and "Montant" in french.text
    assert _count(influent) == 0


def test_a_file_that_is_no_orders_export_or_is_hostile_is_refused(
    owner: Browser, settings: Settings
) -> None:
    page = _upload(owner, "Nom;Pseudo;Abonnés\nLéna;@lena;12000\n")
    assert "not an orders export" in page and "Nom, Pseudo, Abonnés" in page
    assert "Upload a CSV, XLSX or ODS file." in _upload(owner, b"\x89PNG", "photo.png")
    bomb = owner.submit("/orders/import", files={"file": ("bomb.xlsx", hostile.dimension_bomb())})
    assert bomb.status_code == 400 and "Traceback" not in bomb.text
    settings.max_upload_mb = 1
    big = owner.submit("/orders/import", files={"file": ("big.csv", b"x" * (1024 * 1024 + 10))})
    assert big.status_code == 413
    assert not list((settings.data_dir / "uploads").glob("*/big.csv"))


def test_a_viewer_cannot_import_orders(viewer: Browser) -> None:
    assert viewer.get("/orders/import", follow_redirects=False).status_code in (303, 403)


def test_the_report_downloads_as_xlsx(viewer: Browser, influent: Influent, team: Team) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    got = viewer.get(f"/campaigns/{serum}/report.xlsx")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(got.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    orders = list(rows[0]).index("Orders")
    assert sum(int(r[orders] or 0) for r in rows[1:-1]) == int(rows[-1][orders] or 0) == 9


def test_the_report_page_shows_the_timeline_and_the_ranking(
    viewer: Browser, influent: Influent, team: Team
) -> None:
    from services.test_orders_report import _world

    serum, _ = _world(influent, team.workspace_id)
    page = viewer.get(f"/campaigns/{serum}/report").text
    assert f'src="/campaigns/{serum}/report/timeline.png"' in page
    assert "lena: " in page and "6 orders" in page and "1 order" in page
    for chart in ("timeline.png", "ranking.png", "timeline.svg"):
        image = viewer.get(f"/campaigns/{serum}/report/{chart}")
        assert image.status_code == 200 and image.headers["content-type"].startswith("image/")
    assert viewer.get(f"/campaigns/{serum}/report/other.png").status_code == 404
    assert viewer.get(f"/campaigns/{serum}/report/timeline.gif").status_code == 404
