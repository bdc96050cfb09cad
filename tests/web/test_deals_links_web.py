"""A deal's tracked link on its page and in the API; a hint where to create one when absent."""

from __future__ import annotations

from deals_testing import make_campaign, make_creator, seed_deal_with_links
from influent.services.accounts import users
from influent.services.core import Influent
from influent.services.deals import DeliverableIn, create_deal
from influent_testing import Team
from web.conftest import Browser


def test_the_deal_page_shows_the_creators_tracked_link_and_not_anothers(
    influent: Influent, team: Team, viewer: Browser
) -> None:
    _, deal_id = seed_deal_with_links(influent, team.workspace_id)
    page = viewer.get(f"/deals/{deal_id}")
    assert page.status_code == 200
    assert "Tracked link" in page.text
    assert "<code>/r/lena-serum</code>" in page.text
    assert 'href="/links/lena-serum"' in page.text
    assert "0 human clicks" in page.text
    assert "marc-serum" not in page.text


def test_without_a_link_the_deal_page_says_where_to_create_one(
    influent: Influent, team: Team, viewer: Browser
) -> None:
    campaign_id = make_campaign(influent, team.workspace_id)
    creator_id = make_creator(influent, team.workspace_id, "Léna", "lena", 150_000)
    with influent.session() as session:
        deal = create_deal(
            session,
            workspace_id=team.workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            deliverables=[DeliverableIn("story")],
            fee="1000 €",
        )
        deal_id = deal.id
    page = viewer.get(f"/deals/{deal_id}")
    assert "No tracked link for this creator in this campaign yet." in page.text
    assert f'href="/links?campaign={campaign_id}"' in page.text
    assert 'id="deal-links"' not in page.text


def test_the_api_lists_the_deals_tracked_links(
    influent: Influent, team: Team, anonymous: Browser
) -> None:
    _, deal_id = seed_deal_with_links(influent, team.workspace_id)
    with influent.session() as session:
        token = users.create_token(session, user_id=team.viewer.user_id, name="tests")
    response = anonymous.get(
        f"/api/v1/deals/{deal_id}", headers={"Authorization": "Bearer " + token}
    )
    assert response.status_code == 200, response.text
    links = response.json()["links"]
    assert [(x["key"], x["path"], x["clicks_human"]) for x in links] == [
        ("lena-serum", "/r/lena-serum", 0)
    ]
    assert links[0]["destination"].startswith("https://maisonverte.fr/serum?utm_source=")
