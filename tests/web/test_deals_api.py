"""Deals through the JSON API: create, negotiate, move, price; refusals in the asked language."""

from __future__ import annotations

import pytest

from deals_testing import make_campaign, make_creator
from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team
from web.conftest import Browser

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


def test_a_deal_is_proposed_negotiated_and_accepted_through_the_api(
    influent: Influent, team: Team, anonymous: Browser, auth: Tokens
) -> None:
    campaign_id = make_campaign(influent, team.workspace_id)
    creator_id = make_creator(influent, team.workspace_id, "Léna", "lena", 150_000, 0.05)
    price = anonymous.get(
        f"/api/v1/creators/{creator_id}/price",
        params={"format": "story", "locale": "fr"},
        headers=auth["viewer"],
    )
    assert price.status_code == 200
    body = price.json()
    assert body["currency"] == "EUR" and 700 <= body["point"] <= 1_300
    assert body["basis"][0].startswith("Prix calculé sur Instagram @lena")
    made = anonymous.post(
        "/api/v1/deals",
        json={
            "campaign_id": campaign_id,
            "creator_id": creator_id,
            "format": "story",
            "quantity": 3,
            "fee": "2 800 €",
            "percent": 15,
        },
        headers=auth["member"],
    )
    assert made.status_code == 201, made.text
    deal = made.json()
    assert deal["position"] == "within" and deal["code"]["code"] == "LENA15"
    countered = anonymous.post(
        f"/api/v1/deals/{deal['id']}/offers",
        json={"party": "creator", "fee": "3 200 €"},
        headers=auth["member"],
    )
    assert countered.json()["fee"] == 3200.0
    accepted = anonymous.post(
        f"/api/v1/deals/{deal['id']}/status", json={"status": "accepted"}, headers=auth["member"]
    )
    assert accepted.json()["status"] == "accepted"
    listed = anonymous.get("/api/v1/deals", params={"status": "accepted"}, headers=auth["viewer"])
    assert [d["id"] for d in listed.json()] == [deal["id"]]
    assert anonymous.get(f"/api/v1/deals/{deal['id']}", headers=auth["outsider"]).status_code == 404


def test_refusals_are_explained_and_viewers_cannot_write(
    influent: Influent, team: Team, anonymous: Browser, auth: Tokens
) -> None:
    campaign_id = make_campaign(influent, team.workspace_id)
    creator_id = make_creator(influent, team.workspace_id, "Léna", "lena", 20_000)
    body = {"campaign_id": campaign_id, "creator_id": creator_id, "format": "post", "fee": "cent"}
    refused = anonymous.post(
        "/api/v1/deals", params={"locale": "fr"}, json=body, headers=auth["member"]
    )
    assert refused.status_code == 422
    [problem] = refused.json()["detail"]  # the validation errors' shape, as documented
    assert problem["type"] == "deal.error.fee"
    assert "n’est pas une rémunération" in problem["msg"]
    viewer = anonymous.post("/api/v1/deals", json={**body, "fee": "100 €"}, headers=auth["viewer"])
    assert viewer.status_code == 403
    assert anonymous.get("/api/v1/deals", headers=auth["member"]).json() == []
