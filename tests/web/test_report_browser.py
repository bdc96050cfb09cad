"""In Chromium: open a campaign's report, read the ranking and the chart, download the CSV."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EMAIL = "viewer@example.com"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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
    port = _free_port()
    config = uvicorn.Config(
        create_app(influent=influent), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", campaign_id
    server.should_exit = True
    thread.join(timeout=10)
    influent.close()


def test_a_viewer_reads_the_ranking_and_downloads_the_csv(
    report_server: tuple[str, int], tmp_path: Path
) -> None:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    base, campaign_id = report_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        )
        page = browser.new_context(locale="en-US", accept_downloads=True).new_page()
        page.set_default_timeout(15_000)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{base}/campaigns/{campaign_id}/report")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
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
        browser.close()
        assert problems == []
