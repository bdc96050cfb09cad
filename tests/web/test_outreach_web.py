"""The campaign pages in-process: board, moves, bulk, opportunity, email, due list, ICS, funnel."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from influent.domain.pipeline import Stage
from influent.domain.touches import ContactKind
from influent.services import campaigns, outreach
from influent.services.core import Influent
from influent.settings import Settings
from influent.store.models import Creator
from influent_testing import Team

from .conftest import Browser


def _setup(
    influent: Influent, team: Team, make_creator: Callable[..., int]
) -> tuple[int, list[int]]:
    lea = make_creator("lea.bougies", name="Léa Roux", followers=42_000, language="fr")
    tom = make_creator("tom.cuisine", name="Tom Martin", followers=8_000)
    with influent.session() as session:
        campaign = campaigns.create_campaign(
            session, workspace_id=team.workspace_id, name="Printemps", brief="Des bougies."
        )
        opps = outreach.add_to_campaign(
            session, workspace_id=team.workspace_id, campaign_id=campaign.id, creator_ids=[lea, tom]
        )
        outreach.add_contact_point(
            session,
            workspace_id=team.workspace_id,
            creator_id=lea,
            kind=ContactKind.EMAIL,
            value="lea@example.com",
        )
        return campaign.id, [o.id for o in opps]


def _stage(influent: Influent, ws: int, opp: int) -> str:
    with influent.session() as session:
        return outreach.get_opportunity(session, workspace_id=ws, opportunity_id=opp).stage


def test_the_board_shows_each_card_with_a_stage_menu(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, opps = _setup(influent, team, make_creator)
    page = member.get(f"/campaigns/{campaign}")
    assert page.status_code == 200
    assert "Léa Roux" in page.text and "sortable.min.js" in page.text
    assert f'action="/opportunities/{opps[0]}/move"' in page.text
    listing = member.get("/campaigns")
    assert "Printemps" in listing.text


def test_a_move_from_the_stage_menu_returns_the_board(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    _campaign, opps = _setup(influent, team, make_creator)
    response = member.post(
        f"/opportunities/{opps[0]}/move",
        data={"stage": "contacted"},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert response.status_code == 200
    assert response.text.startswith('<div id="board"')
    assert _stage(influent, team.workspace_id, opps[0]) == "contacted"


def test_an_illegal_move_is_explained_and_writes_nothing(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    _campaign, opps = _setup(influent, team, make_creator)
    response = member.post(
        f"/opportunities/{opps[0]}/move",
        data={"stage": "live"},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert "cannot go from identified to live" in response.text
    assert _stage(influent, team.workspace_id, opps[0]) == "identified"


def test_a_viewer_cannot_move_a_card(
    viewer: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, opps = _setup(influent, team, make_creator)
    response = viewer.submit(f"/opportunities/{opps[0]}/move", {"stage": "contacted"})
    assert response.status_code == 403
    assert "stage-menu" not in viewer.get(f"/campaigns/{campaign}").text


def test_an_outsider_sees_nothing_of_the_campaign(
    outsider: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, opps = _setup(influent, team, make_creator)
    assert outsider.get(f"/campaigns/{campaign}").status_code == 404
    assert outsider.get(f"/opportunities/{opps[0]}").status_code == 404
    outsider.submit(f"/opportunities/{opps[0]}/move", {"stage": "contacted"})
    assert _stage(influent, team.workspace_id, opps[0]) == "identified"


def test_bulk_actions_move_what_may_move(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, opps = _setup(influent, team, make_creator)
    member.submit(f"/opportunities/{opps[1]}/move", {"stage": "contacted"})
    response = member.post(
        f"/campaigns/{campaign}/bulk",
        data={
            "stage": "lost",
            "lost_reason": "not_a_fit",
            "opportunity_ids": [str(o) for o in opps],
            "csrf_token": member.csrf,
        },
        follow_redirects=True,
    )
    assert "2 moved, 0 left where they were." in response.text
    response = member.post(
        f"/campaigns/{campaign}/bulk",
        data={
            "stage": "deal",
            "opportunity_ids": [str(o) for o in opps],
            "csrf_token": member.csrf,
        },
        follow_redirects=True,
    )
    assert "0 moved, 2 left where they were." in response.text


def test_creators_join_a_campaign_by_handle_or_tag(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, _ = _setup(influent, team, make_creator)
    make_creator("nina.yoga", tags=["shortlist"])
    make_creator("hugo.run")
    response = member.submit(
        f"/campaigns/{campaign}/add",
        {"handles": "@hugo.run", "tag": "shortlist"},
        follow_redirects=True,
    )
    assert "2 added to the campaign" in response.text
    assert "Nina.Yoga" in response.text and "Hugo.Run" in response.text


def test_the_opportunity_page_drafts_in_the_creators_language_and_checks_edits(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    _campaign, opps = _setup(influent, team, make_creator)
    page = member.get(f"/opportunities/{opps[0]}")
    assert page.status_code == 200
    assert "Léa" in page.text and "Premier message" not in page.text
    check = member.post(
        f"/opportunities/{opps[0]}/draft/check",
        data={"subject": "Hi", "body": " ".join(["word"] * 130) + " 500 €"},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert "130 words" in check.text or "131 words" in check.text
    assert "price" in check.text


@pytest.fixture
def mailbox() -> Iterator[tuple[int, list[Envelope]]]:
    received: list[Envelope] = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
            received.append(envelope)
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_sending_from_the_page_reaches_the_smtp_server_and_logs_the_touch(
    settings: Settings,
    influent: Influent,
    team: Team,
    make_creator: Callable[..., int],
    mailbox: tuple[int, list[Envelope]],
) -> None:
    from influent.web import create_app

    port, received = mailbox
    influent.settings = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"}
    )
    browser = Browser(create_app(influent=influent)).login(team.member.email)
    _campaign, opps = _setup(influent, team, make_creator)
    response = browser.submit(
        f"/opportunities/{opps[0]}/send",
        {"subject": "Vos bougies", "body": "Bonjour Léa, une question ?", "channel": "email"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Sent to lea@example.com" in response.text
    assert [e.rcpt_tos for e in received] == [["lea@example.com"]]
    assert _stage(influent, team.workspace_id, opps[0]) == "contacted"
    # Tom has no email: a clear refusal, nothing sent, nothing written.
    refused = browser.submit(
        f"/opportunities/{opps[1]}/send",
        {"subject": "Hi", "body": "Hello Tom?", "channel": "email"},
    )
    assert refused.status_code == 400
    assert "no confirmed contact" in refused.text
    assert len(received) == 1 and _stage(influent, team.workspace_id, opps[1]) == "identified"


def test_the_due_list_and_its_calendar_feed(
    member: Browser,
    anonymous: Browser,
    influent: Influent,
    team: Team,
    make_creator: Callable[..., int],
) -> None:
    _campaign, opps = _setup(influent, team, make_creator)
    with influent.session() as session:
        outreach.move(
            session,
            workspace_id=team.workspace_id,
            opportunity_id=opps[1],
            stage=Stage.CONTACTED,
            now=datetime.now(UTC) - timedelta(days=5),
        )
    page = member.get("/due")
    assert "Tom Martin" in page.text and "Follow up (no. 1)" in page.text
    feed = re.search(r'<code id="ics-url">([^<]+)</code>', page.text)
    assert feed is not None
    path = feed.group(1).replace("http://testserver", "")
    ics = anonymous.get(path)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    [event] = icalendar.Calendar.from_ical(ics.text).walk("VEVENT")
    assert "Tom Martin" in str(event["SUMMARY"])
    assert anonymous.get(path.replace(".ics", "0.ics")).status_code == 404


def test_the_funnel_page_charts_and_plans(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    campaign, _opps = _setup(influent, team, make_creator)
    page = member.get(f"/campaigns/{campaign}/funnel?deals=5&by=2099-01-01")
    assert page.status_code == 200
    assert "<svg" in page.text and 'id="plan"' in page.text
    bad = member.get(f"/campaigns/{campaign}/funnel?deals=5&by=soon")
    assert "YYYY-MM-DD" in bad.text


def test_a_creator_joins_a_campaign_from_their_page(
    member: Browser,
    viewer: Browser,
    influent: Influent,
    team: Team,
    make_creator: Callable[..., int],
) -> None:
    campaign, _ = _setup(influent, team, make_creator)
    nina = make_creator("nina.yoga", name="Nina Roy")
    page = member.get(f"/creators/{nina}")
    assert f'hx-get="/creators/{nina}/campaigns"' in page.text
    box = member.get(f"/creators/{nina}/campaigns", headers={"HX-Request": "true"})
    assert "Printemps" in box.text and "Add to the campaign" in box.text
    assert "Add to the campaign" not in viewer.get(f"/creators/{nina}/campaigns").text
    done = member.submit(
        f"/creators/{nina}/campaigns", {"campaign_id": str(campaign)}, follow_redirects=True
    )
    assert "1 creator added to the campaign" in done.text
    box = member.get(f"/creators/{nina}/campaigns", headers={"HX-Request": "true"})
    assert "Identified" in box.text and "Add to the campaign" not in box.text


def test_a_management_line_becomes_an_agent_in_one_click(
    member: Browser, influent: Influent, team: Team, make_creator: Callable[..., int]
) -> None:
    _, opps = _setup(influent, team, make_creator)
    with influent.session() as session:
        creator = outreach.get_opportunity(
            session, workspace_id=team.workspace_id, opportunity_id=opps[1]
        ).creator_id
        found = session.get(Creator, creator)
        assert found is not None
        found.notes = "Booking: Talents & Co, julien@talents.example"
    page = member.get(f"/opportunities/{opps[1]}")
    assert "Confirm as agent" in page.text
    done = member.submit(
        f"/opportunities/{opps[1]}/agents",
        {"name": "Talents & Co", "agency": "Talents & Co", "email": "julien@talents.example"},
        follow_redirects=True,
    )
    assert "Confirm as agent" not in done.text
    assert "Send to the agent" in done.text
