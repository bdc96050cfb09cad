"""The creators table in headless Chromium: the audience-quality column, its sort and filters."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "quality@example.com"
# Three creators of the same size whose only signal is their stated engagement: at the tier
# median (the best), far above it (fewer points) and far below it (none, "below 50").
SHEET = (
    "name,platform,handle,followers,engagement\n"
    "Ada Median,instagram,ada,150k,2%\n"
    "Bea High,instagram,bea,150k,12%\n"
    "Cy Low,instagram,cy,150k,0.2%\n"
)


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    database = tmp_path / "quality.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="quality-" + "x" * 40)
    influent = Influent(settings)
    sheet = tmp_path / "creators.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
        report = import_creators(session, workspace_id=workspace.id, path=sheet)
        assert report.created == 3
    with serving(create_app(influent=influent)) as url:
        yield url
    influent.close()


def test_it_sorts_and_filters_the_table_by_audience_quality(server: str, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, server, EMAIL, path="/creators")
    expect(page.locator(".total")).to_have_text("3 creators")
    names = page.locator('#creators-table tbody tr td:has(> a[href^="/creators/"]) > a')
    quality = page.locator("#creators-table tbody td.quality")
    expect(quality.first).to_contain_text("provisional")

    page.get_by_role("link", name="Audience quality").click()
    expect(page).to_have_url(f"{server}/creators?sort=-quality")
    expect(names).to_have_text(["Ada Median", "Bea High", "Cy Low"])
    expect(quality.first).to_have_attribute("data-quality", "56")
    page.get_by_role("link", name="Audience quality").click()
    expect(names).to_have_text(["Cy Low", "Bea High", "Ada Median"])

    page.get_by_label("Max. quality").fill("49")
    page.get_by_label("Max. quality").press("Enter")
    expect(page.locator(".total")).to_have_attribute("data-total", "1")
    expect(names).to_have_text(["Cy Low"])
    expect(page).to_have_url(f"{server}/creators?max_quality=49&sort=quality")

    page.get_by_label("Max. quality").fill("")
    page.get_by_label("Quality flag").select_option(label="engagement off its tier")
    expect(page.locator(".total")).to_have_attribute("data-total", "2")
    expect(names).to_have_text(["Cy Low", "Bea High"])
    assert problems == []
