"""Links pages and API: create in one click, copy, QR, refuse open redirects, owners set domains."""

from __future__ import annotations

from influent.services.accounts import users
from influent.services.core import Influent
from influent_testing import Team, seed_link_campaign
from web.conftest import Browser


def test_a_member_creates_a_link_and_sees_it_with_its_qr_code(
    member: Browser, influent: Influent, team: Team
) -> None:
    campaign_id = seed_link_campaign(influent, team.workspace_id)
    response = member.submit(
        "/links", {"creator": "@lena", "campaign": str(campaign_id)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/links/lena-serum"
    page = member.get("/links/lena-serum")
    assert page.status_code == 200
    assert "http://testserver/r/lena-serum" in page.text
    assert "utm_campaign=serum-launch" in page.text
    assert 'data-copy="http://testserver/r/lena-serum"' in page.text
    listing = member.get(f"/links?campaign={campaign_id}")
    assert "lena-serum" in listing.text and "/links/lena-serum/qr.png" in listing.text
    svg = member.get("/links/lena-serum/qr.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.content.startswith(b"<svg")
    png = member.get("/links/lena-serum/qr.png")
    assert png.content.startswith(b"\x89PNG")
    assert member.get("/links/nobody").status_code == 404


def test_it_refuses_a_foreign_destination_on_the_form(
    member: Browser, influent: Influent, team: Team
) -> None:
    campaign_id = seed_link_campaign(influent, team.workspace_id)
    response = member.submit(
        "/links",
        {"creator": "@lena", "campaign": str(campaign_id), "to": "https://evil.example/"},
    )
    assert response.status_code == 422
    assert "evil.example is not one of them" in response.text
    assert "lena-serum" not in member.get("/links").text


def test_a_viewer_reads_links_but_cannot_create_them(
    viewer: Browser, influent: Influent, team: Team
) -> None:
    campaign_id = seed_link_campaign(influent, team.workspace_id)
    assert viewer.get("/links").status_code == 200
    refused = viewer.submit("/links", {"creator": "@lena", "campaign": str(campaign_id)})
    assert refused.status_code == 403


def test_only_owners_change_the_allowed_domains(owner: Browser, member: Browser) -> None:
    assert member.submit("/settings/links", {"domain": "shop.example.com"}).status_code == 403
    owner.submit("/settings/links", {"domain": "Shop.Example.com"})
    assert "<code>shop.example.com</code>" in owner.get("/settings/links").text
    owner.submit("/settings/links", {"domain": "shop.example.com", "action": "remove"})
    assert "<code>shop.example.com</code>" not in owner.get("/settings/links").text
    assert (
        "is not a domain name" in owner.submit("/settings/links", {"domain": "not a domain"}).text
    )


def test_the_api_creates_lists_and_refuses_open_redirects(
    anonymous: Browser, influent: Influent, team: Team
) -> None:
    seed_link_campaign(influent, team.workspace_id)
    with influent.session() as session:
        member = {
            "Authorization": "Bearer "
            + users.create_token(session, user_id=team.member.user_id, name="t")
        }
        viewer = {
            "Authorization": "Bearer "
            + users.create_token(session, user_id=team.viewer.user_id, name="t")
        }
    body = {"creator": "@lena", "campaign": "serum-launch", "key": "Lena1"}
    made = anonymous.post("/api/v1/links", json=body, headers=member)
    assert made.status_code == 201, made.text
    assert made.json()["short_url"] == "http://testserver/r/Lena1"
    assert made.json()["utm"]["utm_source"] == "instagram"
    assert anonymous.post("/api/v1/links", json=body, headers=viewer).status_code == 403
    for to in ("https://evil.example/", "//evil.example", "https:evil.example", "javascript:x"):
        refused = anonymous.post(
            "/api/v1/links", json={**body, "key": None, "to": to}, headers=member
        )
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["type"].startswith("links.error.destination")
    listed = anonymous.get("/api/v1/links", headers=viewer).json()
    assert [link["key"] for link in listed] == ["Lena1"]
    one = anonymous.get("/api/v1/links/lena1", headers=viewer).json()
    assert one["days"] == [] and one["clicks_human"] == 0


def test_an_outsider_sees_nothing_of_another_workspace_s_links(
    member: Browser, outsider: Browser, influent: Influent, team: Team
) -> None:
    campaign_id = seed_link_campaign(influent, team.workspace_id)
    member.submit("/links", {"creator": "@lena", "campaign": str(campaign_id)})
    assert outsider.get("/links/lena-serum").status_code == 404
    assert outsider.get("/links/lena-serum/qr.svg").status_code == 404
    assert "lena-serum" not in outsider.get("/links").text
