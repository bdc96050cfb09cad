"""In Chromium: open a campaign's report, read the ranking and the chart, download the CSV."""

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
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "viewer@example.com"


@pytest.fixture
def report_server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a free port, with a viewer and a campaign that has orders and clicks."""
    from services.test_orders_report import _world

    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.VIEWER
        )
        workspace_id = workspace.id
    campaign_id, _ = _world(influent, workspace_id)
    with serving(create_app(influent=influent)) as url:
        yield url, campaign_id
    influent.close()


def test_a_viewer_reads_the_ranking_and_downloads_the_csv(
    report_server: tuple[str, int], chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, campaign_id = report_server
    page = chromium.new_context(locale="en-US", accept_downloads=True).new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, base, EMAIL, path=f"/campaigns/{campaign_id}/report")
    page.goto(f"{base}/campaigns/{campaign_id}/report")
    rows = page.locator("#report tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("lena")
    expect(rows.nth(1)).to_contain_text("1 order (likely")
    expect(rows.nth(2)).to_contain_text("Unattributed")
    expect(page.locator("#report tfoot")).to_contain_text("Campaign total")
    expect(page.locator("#report-chart rect")).to_have_count(4)
    with page.expect_download() as info:
        page.locator("#report-csv").click()
    saved = tmp_path / "report.csv"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Creator,") and "Campaign total" in text
    assert problems == []
