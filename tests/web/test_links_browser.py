"""In Chromium: create a link in the UI, follow it, land with the UTM parameters, see the click."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web.app import create_server_app
from influent_testing import PASSWORD, seed_link_campaign
from web.browsing import free_port, log_in, serving

pytestmark = pytest.mark.browser

EMAIL = "growth@example.com"
# A person's browser: headless Chromium announces itself as HeadlessChrome, which is a bot.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)


class _Landing(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>Shop</title><h1>Welcome to the shop</h1>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def shop() -> Iterator[str]:
    """A local test page standing for the brand's shop."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Landing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    """What `influent serve` runs (the redirect in front of the app), on a free port."""
    database = tmp_path / "links.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(database_url=f"sqlite:///{database}", secret_key="browser-" + "x" * 40)
    influent = Influent(settings)
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        users.create_user(
            session, email=EMAIL, password=PASSWORD, workspace_id=workspace.id, role=Role.OWNER
        )
        workspace_id = workspace.id
    seed_link_campaign(influent, workspace_id, domains=("127.0.0.1",), landing_url=None)
    app = create_server_app(influent=influent)
    with serving(app) as url:
        yield url
    app.close()
    influent.close()


def test_a_link_made_in_the_ui_lands_with_utm_and_counts_the_click(
    server: str, shop: str, chromium: Any
) -> None:
    from playwright.sync_api import expect

    context = chromium.new_context(locale="en-US", user_agent=DESKTOP_CHROME)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    log_in(page, server, EMAIL, path="/links")
    expect(page).to_have_url(f"{server}/links")

    page.get_by_label("Creator's account").fill("@lena")
    page.get_by_label("Destination").fill(f"{shop}/serum?color=vert")
    page.get_by_role("button", name="Create the link").click()
    expect(page).to_have_url(f"{server}/links/lena-serum")
    short = page.locator("#short-url").inner_text()
    assert short == f"{server}/r/lena-serum"
    expect(page.locator("img[alt^='QR code']")).to_be_visible()
    expect(page.locator("#clicks-human")).to_have_text("0")

    page.goto(short)
    expect(page.get_by_role("heading")).to_have_text("Welcome to the shop")
    landed = urlsplit(page.url)
    assert landed.netloc == urlsplit(shop).netloc and landed.path == "/serum"
    query = parse_qs(landed.query)
    assert query["color"] == ["vert"]
    assert query["utm_source"] == ["instagram"]
    assert query["utm_medium"] == ["influencer"]
    assert query["utm_campaign"] == ["serum-launch"]
    assert query["utm_content"] == ["lena"]
    assert len(query["inf_vid"][0]) == 32

    page.goto(f"{server}/links/lena-serum")
    expect(page.locator("#clicks-human")).to_have_text("1")
    expect(page.locator("#visitors")).to_have_text("1")
    assert problems == []
