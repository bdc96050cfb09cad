"""In headless Chromium: tick three creators in the table, add them to a campaign, find them on
the board, filter the board by stage and move cards in bulk."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from influent.domain.platforms import Platform
from influent.domain.roles import Role
from influent.services import campaigns, creators
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "camille@maison-verte.fr"
PEOPLE = (
    ("lea.bougies", "Léa Roux", 42_000),
    ("tom.cuisine", "Tom Martin", 8_000),
    ("ana.velo", "Ana Vélo", 3_000),
    ("zoe.jardin", "Zoé Jardin", 120_000),
)


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
    with serving(create_app(influent=influent)) as url:
        yield url, campaign_id
    influent.close()


def test_tick_three_creators_add_them_then_filter_and_bulk_move_on_the_board(
    server: tuple[str, int], chromium: Any
) -> None:
    from playwright.sync_api import expect

    base, campaign_id = server
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, base, EMAIL, path="/creators")
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
