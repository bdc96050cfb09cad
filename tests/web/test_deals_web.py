"""Deals on the web: the campaign's deals, one deal's page, the creator's deals."""

from __future__ import annotations

from sqlalchemy import func, select

from deals_testing import make_campaign, make_creator
from influent.services.core import Influent
from influent.services.deals import set_levels
from influent.store.deal_models import Deal, PromoCode
from influent_testing import Team

from .conftest import Browser


def _setup(influent: Influent, team: Team) -> tuple[int, int]:
    campaign_id = make_campaign(influent, team.workspace_id)
    creator_id = make_creator(
        influent, team.workspace_id, "Léna Dupont", "lena.beaute", 150_000, 0.05
    )
    return campaign_id, creator_id


def test_a_member_proposes_a_deal_and_sees_it_beside_its_fair_range(
    influent: Influent, team: Team, member: Browser
) -> None:
    campaign_id, creator_id = _setup(influent, team)
    preview = member.get(
        f"/campaigns/{campaign_id}/deals/price",
        params={"creator": "@lena.beaute", "format": "story", "quantity": "1"},
    )
    assert preview.status_code == 200
    assert "Fair range:" in preview.text and "Why this price" in preview.text
    created = member.submit(
        f"/campaigns/{campaign_id}/deals",
        {
            "creator": "@lena.beaute",
            "format": "story",
            "quantity": "3",
            "fee": "12 000 €",
            "percent": "15",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    page = member.get(created.headers["location"])
    assert "LENA15" in page.text
    assert "far above the fair range" in page.text
    assert 'id="deal-range"' in page.text
    accepted = member.submit(
        created.headers["location"] + "/status", {"status": "accepted"}, follow_redirects=True
    )
    assert 'id="deal-status">accepted<' in accepted.text
    listing = member.get(f"/campaigns/{campaign_id}/deals")
    assert "Léna Dupont" in listing.text and "above range" in listing.text
    fragment = member.get(f"/creators/{creator_id}/deals")
    assert "LENA15" in fragment.text and "Lancement sérum" in fragment.text


def test_an_offer_is_logged_on_the_deals_page(
    influent: Influent, team: Team, member: Browser
) -> None:
    campaign_id, _ = _setup(influent, team)
    created = member.submit(
        f"/campaigns/{campaign_id}/deals",
        {"creator": "@lena.beaute", "format": "post", "fee": "2 000 €"},
        follow_redirects=False,
    )
    url = created.headers["location"]
    page = member.submit(
        url + "/offer",
        {"party": "creator", "fee": "3 500 €", "note": "Avec un reel en plus"},
        follow_redirects=True,
    )
    assert "Avec un reel en plus" in page.text
    assert "€3,500" in page.text


def test_bad_input_is_refused_in_french_and_nothing_is_written(
    influent: Influent, team: Team, member: Browser
) -> None:
    campaign_id, _ = _setup(influent, team)
    member.submit("/settings/language", {"locale": "fr", "next": "/deals"})
    refused = member.submit(
        f"/campaigns/{campaign_id}/deals",
        {"creator": "@lena.beaute", "format": "story", "fee": "mille euros"},
    )
    assert refused.status_code == 400
    assert "n’est pas une rémunération" in refused.text
    negative = member.submit(
        f"/campaigns/{campaign_id}/deals",
        {"creator": "@lena.beaute", "format": "story", "quantity": "-3", "fee": "300 €"},
    )
    assert negative.status_code == 400 and "quantité de -3" in negative.text
    with influent.session() as session:
        set_levels(
            session, workspace_id=team.workspace_id, campaign_id=campaign_id, levels={"all": 15}
        )
    unexplained = member.submit(
        f"/campaigns/{campaign_id}/deals",
        {"creator": "@lena.beaute", "format": "story", "fee": "300 €", "percent": "30"},
    )
    assert unexplained.status_code == 400 and "donnez une raison" in unexplained.text
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Deal)) == 0
        assert session.scalar(select(func.count()).select_from(PromoCode)) == 0


def test_a_viewer_reads_but_cannot_propose_and_an_outsider_sees_nothing(
    influent: Influent, team: Team, viewer: Browser, outsider: Browser
) -> None:
    campaign_id, _ = _setup(influent, team)
    assert viewer.get(f"/campaigns/{campaign_id}/deals").status_code == 200
    refused = viewer.submit(
        f"/campaigns/{campaign_id}/deals",
        {"creator": "@lena.beaute", "format": "story", "fee": "300 €"},
    )
    assert refused.status_code == 403
    assert outsider.get(f"/campaigns/{campaign_id}/deals").status_code == 404
