"""The real app in headless Chromium: log in, import a French workbook, filter, tag, export."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from openpyxl import load_workbook

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "growth@example.com"


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    """The app served by uvicorn on a free port, with one owner, against a fresh SQLite file."""
    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
    with serving(create_app(influent=influent)) as url:
        yield url
    influent.close()


def french_workbook(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Créateurs")
    rows = [
        ["Nom", "Pseudo", "Réseau", "Abonnés", "Taux d'engagement", "Pays"],
        ["Marie Dupont", "@marie.cuisine", "Instagram", "150k", "5,3%", "France"],
        ["Hugo Martin", "hugo_velo", "YouTube", "8 200", "2,1 %", "Belgique"],
        ["Léa Petit", "lea.trail", "TikTok", "42k", "7,8%", "France"],
    ]
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return path


def test_it_imports_filters_tags_and_exports_in_a_browser(
    server: str, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    context = chromium.new_context(locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, server, EMAIL, path="/creators")
    expect(page).to_have_url(f"{server}/creators")
    expect(page.locator(".total")).to_have_text("0 creators")

    page.get_by_role("link", name="Import", exact=True).first.click()
    page.get_by_label("File", exact=True).set_input_files(
        french_workbook(tmp_path / "créateurs.xlsx")
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-counts")).to_contain_text("3 to create")
    expect(page.get_by_label("Abonnés")).to_have_value("followers")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-result")).to_contain_text("3 created")

    page.get_by_role("link", name="See the creators").click()
    rows = page.locator("#creators-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("150,000")
    expect(rows.first).to_contain_text("5.3%")

    page.locator("#filters select[name=platform]").select_option("instagram")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Marie Dupont")
    expect(page).to_have_url(f"{server}/creators?platform=instagram")
    page.locator("#filters select[name=platform]").select_option("")
    page.locator("#filter-q").fill("velo")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Hugo Martin")
    page.locator("#filter-q").fill("")
    expect(rows).to_have_count(3)
    page.locator("th a", has_text="Name").click()
    expect(rows.first).to_contain_text("Hugo Martin")
    page.screenshot(path=str(tmp_path / "creators.png"), full_page=True)

    rows.first.get_by_role("link").click()
    page.get_by_label("Add tag").fill("vélo")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator("#tags .tag")).to_contain_text("vélo")
    page.get_by_label("Add note").fill("Met at the Lyon bike fair")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("#notes")).to_contain_text("Met at the Lyon bike fair")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export", exact=True).click()
    saved = tmp_path / "export.xlsx"
    download.value.save_as(saved)

    sheet = load_workbook(saved, read_only=True).active
    assert sheet is not None
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = table[0]
    by_handle = {r[header.index("handle")]: r for r in table[1:]}
    assert set(by_handle) == {"marie.cuisine", "hugo_velo", "lea.trail"}
    assert by_handle["hugo_velo"][header.index("tags")] == "vélo"
    assert (tmp_path / "creators.png").stat().st_size > 10_000
    assert problems == [], problems
