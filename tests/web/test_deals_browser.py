"""In Chromium: create a deal from the campaign, see the price range, accept it, see the code."""

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

from deals_testing import make_campaign, make_creator
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
EMAIL = "growth@example.com"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def deal_server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a free port, with an owner, a campaign and a creator."""
    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
        workspace_id = workspace.id
    campaign_id = make_campaign(influent, workspace_id)
    make_creator(influent, workspace_id, "Léna Dupont", "lena.beaute", 150_000, 0.05)
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


def test_it_creates_prices_accepts_a_deal_and_shows_its_code(
    deal_server: tuple[str, int],
) -> None:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    base, campaign_id = deal_server
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

        page.goto(f"{base}/deals")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(f"{base}/deals")
        page.get_by_role("link", name="Lancement sérum").click()
        expect(page).to_have_url(f"{base}/campaigns/{campaign_id}/deals")

        page.get_by_label("Creator (@handle)").fill("@lena.beaute")
        page.get_by_label("Format").select_option("story")
        page.get_by_label("Quantity").fill("3")
        page.get_by_label("Quantity").dispatch_event("change")
        preview = page.locator("#price-preview .price-range")
        expect(preview).to_contain_text("Fair range:")
        # The range follows the form: three stories from a 150k / 5 % account.
        page.wait_for_function(
            "() => +document.querySelector('#price-preview .price-range').dataset.point > 2000"
        )
        point = int(preview.get_attribute("data-point") or "0")
        assert 2_100 <= point <= 3_900
        page.get_by_label("Fee").fill("2 800 €")
        page.get_by_label("Discount for the code", exact=False).fill("15")
        page.get_by_role("button", name="Propose the deal").click()

        expect(page.locator("#deal-status")).to_have_text("proposed")
        expect(page.locator("#deal-range")).to_contain_text("€")
        expect(page.locator("#price-flag")).to_contain_text("within the fair range")
        page.get_by_role("button", name="Accept").click()
        expect(page.locator("#deal-status")).to_have_text("accepted")
        expect(page.locator("#deal-code")).to_contain_text("LENA15")
        expect(page.locator("#negotiation")).to_contain_text("accepted")
        browser.close()
        assert problems == []
