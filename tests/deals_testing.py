"""Factories shared by the deals tests."""

from __future__ import annotations

from datetime import date

from influent.domain.platforms import Platform
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.creators import NewAccount, add_creator


def make_creator(
    influent: Influent,
    workspace_id: int,
    name: str,
    handle: str,
    followers: int,
    rate: float | None = 0.04,
    *,
    language: str = "French",
    platform: str = "instagram",
) -> int:
    with influent.session() as session:
        creator = add_creator(
            session,
            workspace_id=workspace_id,
            name=name,
            account=NewAccount(
                handle_or_url=handle,
                platform=Platform(platform),
                followers=followers,
                engagement_rate=rate,
            ),
            fields={"language": language},
        )
        return creator.id


def make_campaign(influent: Influent, workspace_id: int, name: str = "Lancement sérum") -> int:
    with influent.session() as session:
        campaign = create_campaign(
            session,
            workspace_id=workspace_id,
            name=name,
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 3, 31),
            landing_url="https://maison-verte.example/serum",
        )
        return campaign.id


def seed_deal_with_links(influent: Influent, workspace_id: int) -> tuple[int, int]:
    """A deal with @lena in a campaign where @lena and @marc each have a tracked link.

    Returns the campaign's id and the deal's id; @lena's link key is "lena-serum",
    @marc's "marc-serum".
    """
    from influent.services.deals import DeliverableIn, create_deal
    from influent.services.links import create_link
    from influent_testing import seed_link_campaign

    campaign_id = seed_link_campaign(influent, workspace_id)
    make_creator(influent, workspace_id, "Marc", "@marc", 20_000)
    with influent.session() as session:
        lena = create_link(
            session, workspace_id=workspace_id, creator="@lena", campaign=campaign_id
        )
        create_link(session, workspace_id=workspace_id, creator="@marc", campaign=campaign_id)
        assert lena.creator_id is not None
        deal = create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=lena.creator_id,
            deliverables=[DeliverableIn("story")],
            fee="1000 €",
        )
        return campaign_id, deal.id
