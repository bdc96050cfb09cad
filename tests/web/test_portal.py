"""A creator's portal shows their own numbers, in their language, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from influent.domain.attribution import LinkTarget
from influent.domain.orders import OrderIn, Source
from influent.services import orders
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
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
    english = anonymous.get(f"/p/{tokens['Theo Marchal']}")
    assert "Hello Theo Marchal" in english.text and "€1,234.56" in english.text
    assert "Léna" not in english.text


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
