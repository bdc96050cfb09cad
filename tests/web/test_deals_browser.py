"""In Chromium: create a deal from the campaign, see the price range, accept it, see the code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deals_testing import make_campaign, make_creator
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
    with serving(create_app(influent=influent)) as url:
        yield url, campaign_id
    influent.close()


def test_it_creates_prices_accepts_a_deal_and_shows_its_code(
    deal_server: tuple[str, int], chromium: Any
) -> None:
    from playwright.sync_api import expect

    base, campaign_id = deal_server
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, base, EMAIL, path="/deals")
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
    assert problems == []
