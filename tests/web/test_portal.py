"""A creator's portal shows their own numbers, in their language, and nothing else."""

from __future__ import annotations

from datetime import UTC, date, datetime

from influent.domain.attribution import LinkTarget
from influent.domain.orders import OrderIn, Source
from influent.services import orders
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator
from influent_testing import Team
from web.conftest import Browser

T0 = datetime(2027, 3, 1, 12, tzinfo=UTC)


def _world(influent: Influent, team: Team) -> dict[str, object]:
    with influent.session() as session:
        campaign = create_campaign(session, workspace_id=team.workspace_id, name="Lancement sérum")
        lena = Creator(
            workspace_id=team.workspace_id,
            name="Léna Durand",
            name_key="lena durand",
            custom_fields={},
            language="fr",
        )
        theo = Creator(
            workspace_id=team.workspace_id,
            name="Theo Marchal",
            name_key="theo marchal",
            custom_fields={},
            language="en",
        )
        session.add_all([lena, theo])
        session.flush()
        for who, key, clicks, fee, rate in (
            (lena, "lena-serum", 321, 30_000, 200),
            (theo, "theo-serum", 98_765, 450_000, 0),
        ):
            code = PromoCode(
                workspace_id=team.workspace_id,
                campaign_id=campaign.id,
                creator_id=who.id,
                code=key.split("-")[0].upper() + "15",
                percent_off=15,
            )
            session.add(code)
            session.flush()
            session.add(
                Deal(
                    workspace_id=team.workspace_id,
                    campaign_id=campaign.id,
                    creator_id=who.id,
                    status="live",
                    fee_minor=fee,
                    commission_per_order_minor=rate,
                    promo_code_id=code.id,
                )
            )
            link = Link(
                workspace_id=team.workspace_id,
                campaign_id=campaign.id,
                creator_id=who.id,
                handle=key,
                key=key,
                key_lower=key,
                destination="https://maisonverte.fr/serum",
                target_url="https://maisonverte.fr/serum?utm_source=" + key,
                clicks_human=clicks,
            )
            session.add(link)
            session.flush()
            session.add(LinkDay(link_id=link.id, day=date(2027, 3, 1), human=clicks, visitors=1))
        data = orders.AttributionData(
            codes={
                "lena15": LinkTarget(lena.id, campaign.id),
                "theo15": LinkTarget(theo.id, campaign.id),
            }
        )
        batch = [
            OrderIn(Source.SHOPIFY, "1", T0, "EUR", 4_990, codes=("LENA15",)),
            OrderIn(Source.SHOPIFY, "2", T0, "EUR", 123_456, codes=("THEO15",)),
            OrderIn(Source.SHOPIFY, "3", T0, "EUR", 777_777),
        ]
        orders.record(session, workspace_id=team.workspace_id, orders=batch, data=data)
        tokens = {
            who.name: orders.create_portal_link(
                session, workspace_id=team.workspace_id, campaign_id=campaign.id, creator_id=who.id
            )
            for who in (lena, theo)
        }
        return {"campaign": campaign.id, "lena": lena.id, "theo": theo.id, "tokens": tokens}


def test_a_creators_link_shows_only_their_numbers_in_their_language(
    influent: Influent, team: Team, anonymous: Browser
) -> None:
    world = _world(influent, team)
    tokens = world["tokens"]
    assert isinstance(tokens, dict)
    page = anonymous.get(f"/p/{tokens['Léna Durand']}")
    assert page.status_code == 200
    assert "Bonjour Léna Durand" in page.text and "Commandes" in page.text
    assert "49,90" in page.text
    for other in ("Theo", "1 234,56", "1,234.56", "7 777,77", "7,777.77"):
        assert other not in page.text
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    # Their links, codes, clicks and earnings (a 300 € fee and 2 € for their one order).
    assert "/r/lena-serum" in page.text and "LENA15" in page.text and "321" in page.text
    assert "302,00" in page.text
    assert f"/p/{tokens['Léna Durand']}/qr/lena-serum.svg" in page.text
    for other in ("theo-serum", "THEO15", "98 765", "4 500"):
        assert other not in page.text
    english = anonymous.get(f"/p/{tokens['Theo Marchal']}")
    assert "Hello Theo Marchal" in english.text and "€1,234.56" in english.text
    assert "Léna" not in english.text and "lena-serum" not in english.text
    assert "LENA15" not in english.text


def test_a_portal_serves_the_qr_codes_of_its_own_links_only(
    influent: Influent, team: Team, anonymous: Browser
) -> None:
    tokens = _world(influent, team)["tokens"]
    assert isinstance(tokens, dict)
    lena = tokens["Léna Durand"]
    svg = anonymous.get(f"/p/{lena}/qr/lena-serum.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.headers["cache-control"] == "private, no-store"
    png = anonymous.get(f"/p/{lena}/qr/lena-serum.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    # Another creator's key, a case trick, a path trick, another kind: nothing.
    for path in (
        "theo-serum.svg",
        "THEO-SERUM.svg",
        "LENA-SERUM.svg",
        "..%2Ftheo-serum.svg",
        "lena-serum.gif",
        "theo-serum.png",
    ):
        response = anonymous.get(f"/p/{lena}/qr/{path}")
        assert response.status_code == 404, path
        assert b"<svg" not in response.content and b"Theo Marchal" not in response.content
    # Query parameters change nothing a page shows.
    for query in ("?creator=2", "?creator_id=2&campaign=1", "?token=" + tokens["Theo Marchal"]):
        page = anonymous.get(f"/p/{lena}{query}")
        assert page.status_code == 200 and "Theo" not in page.text and "THEO15" not in page.text
    # A portal token opens no API call, nor any page of the app.
    bearer = {"authorization": f"Bearer {lena}"}
    for path in ("/api/v1/links", "/api/v1/campaigns/1/report", "/api/v1/deals"):
        assert anonymous.get(path, headers=bearer).status_code == 401, path
    anonymous.cookies.set("token", lena)
    for path in ("/links", "/campaigns/1/report", "/campaigns/1/report.csv"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code in (303, 401), path


def test_a_revoked_or_made_up_link_shows_nothing(
    influent: Influent, team: Team, anonymous: Browser
) -> None:
    world = _world(influent, team)
    tokens = world["tokens"]
    assert isinstance(tokens, dict)
    with influent.session() as session:
        ended = orders.revoke_portal_links(
            session,
            workspace_id=team.workspace_id,
            campaign_id=int(world["campaign"]),  # type: ignore[call-overload]
            creator_id=int(world["lena"]),  # type: ignore[call-overload]
        )
    assert ended == 1
    assert anonymous.get(f"/p/{tokens['Léna Durand']}").status_code == 404
    assert anonymous.get(f"/p/{tokens['Léna Durand']}/qr/lena-serum.svg").status_code == 404
    assert anonymous.get(f"/p/{tokens['Theo Marchal']}").status_code == 200
    for made_up in ("p_" + "A" * 43, "p_", "p_%2e%2e", tokens["Theo Marchal"][:-1]):
        response = anonymous.get(f"/p/{made_up}")
        assert response.status_code == 404 and "Theo" not in response.text


def test_a_portal_link_cannot_be_made_across_workspaces(influent: Influent, team: Team) -> None:
    import pytest

    world = _world(influent, team)
    with influent.session() as session, pytest.raises(orders.PortalError):
        orders.create_portal_link(
            session,
            workspace_id=team.workspace_id + 1,
            campaign_id=int(world["campaign"]),  # type: ignore[call-overload]
            creator_id=int(world["lena"]),  # type: ignore[call-overload]
        )
