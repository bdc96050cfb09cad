"""Outreach in the JSON API: pipeline, moves, due list and the planner."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from influent.services import campaigns, outreach
from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team

from .conftest import Browser

Tokens = dict[str, dict[str, str]]


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


@pytest.fixture
def campaign(influent: Influent, team: Team, make_creator: Callable[..., int]) -> tuple[int, int]:
    creator = make_creator("lea.bougies", name="Léa Roux", followers=42_000)
    with influent.session() as session:
        made = campaigns.create_campaign(session, workspace_id=team.workspace_id, name="Printemps")
        [opp] = outreach.add_to_campaign(
            session, workspace_id=team.workspace_id, campaign_id=made.id, creator_ids=[creator]
        )
        return made.id, opp.id


def test_the_pipeline_and_a_move_through_the_api(
    anonymous: Browser, auth: Tokens, campaign: tuple[int, int]
) -> None:
    campaign_id, opp = campaign
    found = anonymous.get(f"/api/v1/campaigns/{campaign_id}/pipeline", headers=auth["viewer"])
    assert found.status_code == 200
    [card] = found.json()["stages"]["identified"]
    assert card["name"] == "Léa Roux" and card["moves"] == ["contacted", "lost"]
    refused = anonymous.post(
        f"/api/v1/opportunities/{opp}/move", json={"stage": "contacted"}, headers=auth["viewer"]
    )
    assert refused.status_code == 403
    illegal = anonymous.post(
        f"/api/v1/opportunities/{opp}/move", json={"stage": "deal"}, headers=auth["member"]
    )
    assert illegal.status_code == 400
    assert illegal.json()["code"] == "outreach.error.illegal_move"
    assert "deal" in illegal.json()["detail"]
    moved = anonymous.post(
        f"/api/v1/opportunities/{opp}/move", json={"stage": "contacted"}, headers=auth["member"]
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "contacted"
    outsider = anonymous.get(f"/api/v1/campaigns/{campaign_id}/pipeline", headers=auth["outsider"])
    assert outsider.status_code == 404
    stolen = anonymous.post(
        f"/api/v1/opportunities/{opp}/move", json={"stage": "replied"}, headers=auth["outsider"]
    )
    assert stolen.status_code == 404


def test_the_due_list_and_the_plan_through_the_api(
    anonymous: Browser, auth: Tokens, campaign: tuple[int, int]
) -> None:
    campaign_id, _ = campaign
    assert anonymous.get("/api/v1/due?days=10", headers=auth["viewer"]).json() == []
    plan = anonymous.get(
        f"/api/v1/plan?deals=10&by=2099-01-01&campaign_id={campaign_id}", headers=auth["viewer"]
    )
    assert plan.status_code == 200
    data = plan.json()
    assert data["source"] == "prior" and data["contact_for_50"] < data["contact_for_90"]
    bad = anonymous.get("/api/v1/plan?deals=0&by=2099-01-01", headers=auth["viewer"])
    assert bad.status_code == 422  # out of the documented range (1 to 1,000 deals)
