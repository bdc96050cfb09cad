"""Creators entering a campaign from the creators table, discovery and the shortlist (forms,
htmx and the API), the board's filters in its address, and bulk moves with their report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from httpx import Response

from influent.services import campaigns, outreach
from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team

from .conftest import Browser, add_creator

Tokens = dict[str, dict[str, str]]


def _campaign(influent: Influent, ws: int, name: str = "Printemps") -> int:
    with influent.session() as session:
        return campaigns.create_campaign(session, workspace_id=ws, name=name).id


def _members(influent: Influent, ws: int, campaign_id: int) -> set[int]:
    with influent.session() as session:
        columns = outreach.board(session, workspace_id=ws, campaign_id=campaign_id)
        return {c.creator_id for cards in columns.values() for c in cards}


def _post(browser: Browser, data: dict[str, Any]) -> Response:
    return browser.post("/campaigns/enter", data={"csrf_token": browser.csrf, **data})


def test_the_creators_table_offers_ticks_and_add_to_campaign_to_editors_only(
    member: Browser, viewer: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    lea = make_creator("lea.bougies", name="Léa Roux")
    _campaign(influent, team.workspace_id)
    page = member.get("/creators")
    assert f'name="creator_ids" value="{lea}"' in page.text
    assert 'data-select-all="creator_ids"' in page.text
    assert "Add to campaign…" in page.text and "Printemps" in page.text
    assert f'name="creator_id" value="{lea}"' in page.text
    fragment = member.get("/creators?q=lea", headers={"HX-Request": "true"})
    assert 'action="/campaigns/enter"' in fragment.text
    read_only = viewer.get("/creators")
    assert "creator_ids" not in read_only.text and "/campaigns/enter" not in read_only.text


def test_ticked_creators_enter_a_campaign_and_a_second_time_are_already_in(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    ids = [make_creator(h) for h in ("lea", "tom", "ana")]
    campaign = _campaign(influent, team.workspace_id)
    page = _post(
        member,
        {
            "campaign_id": str(campaign),
            "creator_ids": [str(i) for i in ids[:2]],
            "back": "/creators?q=a",
        },
    )
    assert page.url.path == "/creators" and page.url.query == b"q=a"
    assert "2 added to the campaign." in page.text
    page = _post(
        member,
        {"campaign_id": str(campaign), "creator_ids": [str(i) for i in ids], "back": "/creators"},
    )
    assert "1 added, 2 already in the campaign." in page.text
    assert _members(influent, team.workspace_id, campaign) == set(ids)
    # An outside address is not followed.
    page = member.submit(
        "/campaigns/enter",
        {"campaign_id": str(campaign), "creator_id": str(ids[0]), "back": "//evil.example"},
        follow_redirects=False,
    )
    assert page.headers["location"] == f"/campaigns/{campaign}"


def test_a_new_campaign_is_made_on_the_spot_and_htmx_gets_the_result_line(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    lea = make_creator("lea")
    answer = member.post(
        "/campaigns/enter",
        data={"new_campaign": "Noël", "creator_id": str(lea)},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert answer.status_code == 200
    assert answer.text.startswith('<div id="entry-result"')
    assert "1 added to the campaign." in answer.text
    with influent.session() as session:
        [made] = campaigns.list_campaigns(session, workspace_id=team.workspace_id)
    assert made.name == "Noël" and f'href="/campaigns/{made.id}"' in answer.text
    assert _members(influent, team.workspace_id, made.id) == {lea}


def test_a_refused_addition_writes_nothing_not_even_the_new_campaign(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    lea = make_creator("lea")
    foreign = add_creator(influent, team.outsider.workspace_id, "spy")
    member.submit("/settings/language", {"locale": "fr"})  # the account's language decides
    answer = member.post(
        "/campaigns/enter",
        data={"new_campaign": "Noël", "creator_ids": [str(lea), str(foreign)]},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert "flash-error" in answer.text
    assert f"Aucun créateur #{foreign} dans cet espace." in answer.text
    member.submit("/settings/language", {"locale": "en"})
    with influent.session() as session:
        assert campaigns.list_campaigns(session, workspace_id=team.workspace_id) == []
    nothing = member.submit("/campaigns/enter", {"creator_id": str(lea), "back": "/creators"})
    assert "Choose a campaign, or name a new one." in nothing.text
    none_ticked = member.submit("/campaigns/enter", {"new_campaign": "Vide"})
    assert "Tick at least one creator" in none_ticked.text


def test_viewers_cannot_add_to_a_campaign(
    viewer: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    lea = make_creator("lea")
    campaign = _campaign(influent, team.workspace_id)
    refused = viewer.submit(
        "/campaigns/enter", {"campaign_id": str(campaign), "creator_id": str(lea)}
    )
    assert refused.status_code == 403
    assert _members(influent, team.workspace_id, campaign) == set()


def test_the_top_of_a_ranking_enters_in_rank_order(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    ranked = [make_creator(h) for h in ("a1", "b2", "c3", "d4")]
    campaign = _campaign(influent, team.workspace_id)
    ranking = [str(i) for i in reversed(ranked)]
    page = _post(
        member, {"campaign_id": str(campaign), "pick": "top", "top": "2", "ranked_ids": ranking}
    )
    assert "2 added to the campaign." in page.text
    assert _members(influent, team.workspace_id, campaign) == set(ranked[2:])


@pytest.fixture
def auth(influent: Influent, team: Team) -> Tokens:
    with influent.session() as session:
        return {
            who: {
                "Authorization": "Bearer "
                + users.create_token(session, user_id=getattr(team, who).user_id, name="tests")
            }
            for who in ("member", "viewer", "outsider")
        }


def test_the_api_adds_opportunities_idempotently_and_refuses_strangers(
    anonymous: Browser, auth: Tokens, influent: Influent, team: Team, make_creator: Callable
) -> None:
    lea, tom = make_creator("lea"), make_creator("tom")
    foreign = add_creator(influent, team.outsider.workspace_id, "spy")
    campaign = _campaign(influent, team.workspace_id)
    url = f"/api/v1/campaigns/{campaign}/opportunities"
    first = anonymous.post(url, json={"creator_ids": [lea]}, headers=auth["member"])
    assert first.status_code == 200
    assert first.json()["added"] == [lea] and first.json()["already_in"] == []
    second = anonymous.post(url, json={"creator_ids": [lea, tom]}, headers=auth["member"])
    body = second.json()
    assert body["added"] == [tom] and body["already_in"] == [lea]
    assert body["summary"] == "1 added, 1 already in the campaign."
    for wrong in (foreign, 99_999):
        refused = anonymous.post(url, json={"creator_ids": [tom, wrong]}, headers=auth["member"])
        assert refused.status_code == 422
        [problem] = refused.json()["detail"]
        assert problem["type"] == "outreach.error.creator_not_found"
        assert problem["loc"] == ["body", "creator_ids"] and f"#{wrong}" in problem["msg"]
    too_many = list(range(1, outreach.MAX_ENTRY + 2))
    assert (
        anonymous.post(url, json={"creator_ids": too_many}, headers=auth["member"]).status_code
        == 422
    )
    assert anonymous.post(url, json={"creator_ids": []}, headers=auth["member"]).status_code == 422
    assert (
        anonymous.post(url, json={"creator_ids": [lea]}, headers=auth["viewer"]).status_code == 403
    )
    stolen = anonymous.post(url, json={"creator_ids": [foreign]}, headers=auth["outsider"])
    assert stolen.status_code == 404
    assert _members(influent, team.workspace_id, campaign) == {lea, tom}


def _board_setup(
    influent: Influent, team: Team, make_creator: Callable
) -> tuple[int, dict[str, int]]:
    ids = {
        "lea": make_creator("lea.bougies", name="Léa Roux", followers=42_000),
        "tom": make_creator("tom.cuisine", name="Tom Martin", followers=8_000),
        "ana": make_creator("ana.velo", name="Ana Vélo", followers=3_000),
    }
    campaign = _campaign(influent, team.workspace_id)
    with influent.session() as session:
        entry = outreach.enter_campaign(
            session,
            workspace_id=team.workspace_id,
            campaign_id=campaign,
            creator_ids=list(ids.values()),
        )
    return campaign, dict(zip(ids, entry.opportunity_ids, strict=True))


def test_the_board_filters_live_in_its_address(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    campaign, opps = _board_setup(influent, team, make_creator)
    member.submit(f"/opportunities/{opps['tom']}/move", {"stage": "contacted"})
    page = member.get(f"/campaigns/{campaign}?stage=contacted")
    assert "Tom Martin" in page.text and "Léa Roux" not in page.text
    assert '<option value="contacted" selected>' in page.text
    assert 'name="view" value="stage=contacted"' in page.text
    assert "Filtered: 1 card shown." in page.text
    member.submit("/settings/language", {"locale": "fr"})  # the account's language decides
    tiers = member.get(f"/campaigns/{campaign}?tier=micro")
    member.submit("/settings/language", {"locale": "en"})
    assert "Léa Roux" in tiers.text and "Tom Martin" not in tiers.text
    assert "Filtré\u202f: 1 carte affichée." in tiers.text
    # A move made from a filtered board answers with the same filtered board.
    moved = member.post(
        f"/opportunities/{opps['lea']}/move",
        data={"stage": "contacted"},
        headers={
            "HX-Request": "true",
            "X-CSRF-Token": member.csrf,
            "HX-Current-URL": f"http://testserver/campaigns/{campaign}?stage=identified",
        },
    )
    assert "Ana Vélo" in moved.text and "Léa Roux" not in moved.text


def test_bulk_moves_name_the_cards_left_behind_and_mark_lost_with_a_reason(
    member: Browser, influent: Influent, team: Team, make_creator: Callable
) -> None:
    campaign, opps = _board_setup(influent, team, make_creator)
    member.submit(f"/opportunities/{opps['tom']}/move", {"stage": "contacted"})
    page = member.post(
        f"/campaigns/{campaign}/bulk",
        data={
            "stage": "replied",
            "opportunity_ids": [str(o) for o in opps.values()],
            "csrf_token": member.csrf,
            "view": "tier=nano",
        },
    )
    assert page.url.query == b"tier=nano"
    assert "1 moved, 2 left where they were." in page.text
    assert "Léa Roux: An opportunity cannot go from identified to replied." in page.text
    no_reason = member.post(
        f"/campaigns/{campaign}/bulk",
        data={"mark_lost": "1", "opportunity_ids": [str(opps["lea"])]},
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert "flash-error" in no_reason.text
    lost = member.post(
        f"/campaigns/{campaign}/bulk",
        data={
            "mark_lost": "1",
            "stage": "identified",
            "lost_reason": "declined",
            "opportunity_ids": [str(opps["lea"]), str(opps["ana"])],
        },
        headers={"HX-Request": "true", "X-CSRF-Token": member.csrf},
    )
    assert lost.text.startswith('<div id="board"')
    assert "2 moved, 0 left where they were." in lost.text
    with influent.session() as session:
        cards = outreach.board(session, workspace_id=team.workspace_id, campaign_id=campaign)
    assert {c.name for c in cards["lost"]} == {"Léa Roux", "Ana Vélo"}
    assert {c.lost_reason for c in cards["lost"]} == {"declined"}
