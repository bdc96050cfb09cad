"""In headless Chromium: tick three creators in the table, add them to a campaign, find them on
the board, filter the board by stage and move cards in bulk."""

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

from influent.domain.platforms import Platform
from influent.domain.roles import Role
from influent.services import campaigns, creators
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EMAIL = "camille@maison-verte.fr"
PEOPLE = (
    ("lea.bougies", "Léa Roux", 42_000),
    ("tom.cuisine", "Tom Martin", 8_000),
    ("ana.velo", "Ana Vélo", 3_000),
    ("zoe.jardin", "Zoé Jardin", 120_000),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a free port: four creators and an empty campaign."""
    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session,
            email=EMAIL,
            password=PASSWORD,
            workspace_id=workspace.id,
            role=Role.OWNER,
            name="Camille Martin",
        )
        for handle, name, followers in PEOPLE:
            creators.add_creator(
                session,
                workspace_id=workspace.id,
                name=name,
                account=creators.NewAccount(Platform.INSTAGRAM, handle, followers, 0.04),
            )
        campaign_id = campaigns.create_campaign(
            session, workspace_id=workspace.id, name="Printemps"
        ).id
    port = _free_port()
    config = uvicorn.Config(
        create_app(influent=influent), host="127.0.0.1", port=port, log_level="warning"
    )
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", campaign_id
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    influent.close()


def test_tick_three_creators_add_them_then_filter_and_bulk_move_on_the_board(
    server: tuple[str, int],
) -> None:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    base, campaign_id = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        )
        page = browser.new_context(locale="en-US").new_page()
        page.set_default_timeout(15_000)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{base}/creators")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(f"{base}/creators")

        # "Select all on this page" ticks every row; untick one to keep three.
        page.get_by_label("Select all on this page").check()
        expect(page.locator('input[name="creator_ids"]:checked')).to_have_count(4)
        page.get_by_label("Zoé Jardin", exact=True).uncheck()
        page.get_by_label("Campaign", exact=True).select_option(label="Printemps")
        page.get_by_role("button", name="Add the ticked creators").click()
        result = page.locator("#entry-result")
        expect(result).to_contain_text("3 added to the campaign.")
        expect(page).to_have_url(f"{base}/creators")  # htmx: the table stays as it was
        # Léa again, from her row: already in.
        page.get_by_label("Léa Roux", exact=True).uncheck()
        page.get_by_label("Add Léa Roux to the campaign").click()
        expect(result).to_contain_text("0 added, 1 already in the campaign.")

        page.get_by_role("link", name="Open the board of Printemps").click()
        expect(page).to_have_url(f"{base}/campaigns/{campaign_id}")
        identified = page.locator('ol.cards[data-stage="identified"] .kcard')
        expect(identified).to_have_count(3)
        expect(page.locator(".kcard", has_text="Zoé Jardin")).to_have_count(0)

        # Bulk: two cards to "Contacted".
        bulk = page.locator("#bulk")
        for name in ("Léa Roux", "Tom Martin"):
            page.locator(".kcard", has_text=name).get_by_label(name, exact=True).check()
        bulk.get_by_label("Move to", exact=True).select_option("contacted")
        bulk.get_by_role("button", name="Move", exact=True).click()
        expect(page.locator("#board .flash-success")).to_contain_text(
            "2 moved, 0 left where they were."
        )
        expect(page.locator('ol.cards[data-stage="contacted"] .kcard')).to_have_count(2)

        # The board filtered by stage, in the address.
        filters = page.locator("#board-filters")
        filters.get_by_label("Stage").select_option("contacted")
        filters.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(f"{base}/campaigns/{campaign_id}?stage=contacted")
        expect(page.locator(".kcard")).to_have_count(2)
        expect(page.locator(".kcard", has_text="Ana Vélo")).to_have_count(0)

        # A bulk move that cannot happen names each card and leaves them where they were.
        for name in ("Léa Roux", "Tom Martin"):
            page.locator(".kcard", has_text=name).get_by_label(name, exact=True).check()
        page.locator("#bulk").get_by_label("Move to", exact=True).select_option("live")
        page.locator("#bulk").get_by_role("button", name="Move", exact=True).click()
        notice = page.locator("#board .flash-success")
        expect(notice).to_contain_text("0 moved, 2 left where they were.")
        expect(notice.locator("li")).to_have_count(2)
        expect(page.locator(".kcard")).to_have_count(2)  # still filtered, still contacted

        # Mark one lost with a reason.
        page.locator(".kcard", has_text="Tom Martin").get_by_label("Tom Martin", exact=True).check()
        page.locator("#bulk").get_by_label("Reason, if lost").select_option("no_answer")
        page.locator("#bulk").get_by_role("button", name="Mark lost").click()
        expect(page.locator("#board .flash-success")).to_contain_text("1 moved")
        page.goto(f"{base}/campaigns/{campaign_id}?stage=lost")
        expect(page.locator('ol.cards[data-stage="lost"] .kcard')).to_contain_text("Tom Martin")
        assert problems == []
        browser.close()
