"""The campaign board in headless Chromium: drag a card, send an email, see the due list."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from influent.domain.pipeline import Stage
from influent.domain.platforms import Platform
from influent.domain.roles import Role
from influent.domain.touches import ContactKind
from influent.services import campaigns, creators, outreach
from influent.services.accounts import users
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import PASSWORD
from web.browsing import free_port, log_in, serving, watch_problems

pytestmark = pytest.mark.browser

EMAIL = "camille@maison-verte.fr"


class _Inbox:
    def __init__(self) -> None:
        self.received: list[Envelope] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[int, _Inbox]]:
    handler = _Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


@pytest.fixture
def server(
    sqlite_template: Path, tmp_path: Path, inbox: tuple[int, _Inbox]
) -> Iterator[tuple[str, Influent, int]]:
    """The app on a free port, with a campaign of two creators; email goes to the local inbox."""
    database = tmp_path / "browser.db"
    shutil.copy(sqlite_template, database)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        secret_key="browser-" + "x" * 40,
        smtp_host="127.0.0.1",
        smtp_port=inbox[0],
        smtp_security="none",
    )
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
        ids = []
        for handle, name, followers in (
            ("lea.bougies", "Léa Roux", 42_000),
            ("tom.cuisine", "Tom Martin", 8_000),
        ):
            ids.append(
                creators.add_creator(
                    session,
                    workspace_id=workspace.id,
                    name=name,
                    account=creators.NewAccount(Platform.INSTAGRAM, handle, followers, 0.04),
                    fields={"language": "fr"},
                ).id
            )
        campaign = campaigns.create_campaign(
            session, workspace_id=workspace.id, name="Printemps", brief="Des bougies végétales."
        )
        opps = outreach.add_to_campaign(
            session, workspace_id=workspace.id, campaign_id=campaign.id, creator_ids=ids
        )
        outreach.add_contact_point(
            session,
            workspace_id=workspace.id,
            creator_id=ids[0],
            kind=ContactKind.EMAIL,
            value="lea@example.com",
        )
        outreach.move(
            session,
            workspace_id=workspace.id,
            opportunity_id=opps[1].id,
            stage=Stage.CONTACTED,
            now=datetime.now(UTC) - timedelta(days=6),
        )
        campaign_id = campaign.id
    with serving(create_app(influent=influent)) as url:
        yield url, influent, campaign_id
    influent.close()


def test_drag_a_card_send_an_email_and_see_the_due_list(
    server: tuple[str, Influent, int], inbox: tuple[int, _Inbox], chromium: Any
) -> None:
    from playwright.sync_api import expect

    base, _influent, campaign_id = server
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    problems = watch_problems(page)

    log_in(page, base, EMAIL, path=f"/campaigns/{campaign_id}")
    expect(page).to_have_url(f"{base}/campaigns/{campaign_id}")

    # Drag Tom's card from "Contacted" to "Replied".
    tom = page.locator(".kcard", has_text="Tom Martin")
    replied = page.locator('ol.cards[data-stage="replied"]')
    expect(page.locator('ol.cards[data-sortable="1"]')).to_have_count(8)
    start = tom.locator(".handle").bounding_box()
    end = replied.bounding_box()
    assert start is not None and end is not None
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(
            start["x"] + (end["x"] + 40 - start["x"]) * step / 20,
            start["y"] + (end["y"] + 40 - start["y"]) * step / 20,
        )
    with page.expect_response(lambda r: r.url.endswith("/move")) as moved:
        page.mouse.up()
    assert moved.value.status == 200
    expect(page.locator('ol.cards[data-stage="replied"] .kcard')).to_contain_text("Tom Martin")
    page.reload()
    expect(page.locator('ol.cards[data-stage="replied"] .kcard')).to_contain_text("Tom Martin")

    # Without a mouse: the card's stage menu.
    lea = page.locator(".kcard", has_text="Léa Roux")
    lea.get_by_label("Move Léa Roux to").select_option("lost")
    lea.get_by_role("button", name="Move").click()
    expect(page.locator("#board .flash-error")).to_contain_text("Say why it was lost")

    # Léa's page: the French draft, sent by email to the local SMTP server.
    page.get_by_role("link", name="Léa Roux").click()
    expect(page.get_by_label("Message")).to_contain_text("Léa")
    page.get_by_role("button", name="Send by email").click()
    expect(page.locator(".flash-success")).to_contain_text("Sent to lea@example.com")
    expect(page.locator("#touches")).to_contain_text("lea@example.com")
    assert [e.rcpt_tos for e in inbox[1].received] == [["lea@example.com"]]

    # The due list: Léa needs a follow-up in four days (Tom replied: nothing to chase).
    page.get_by_role("link", name="To do", exact=True).click()
    page.get_by_role("link", name="And the next 7 days").click()
    rows = page.locator("#due-list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Léa Roux")
    expect(page.locator("#ics-url")).to_contain_text("/calendar/")
    assert problems == []
