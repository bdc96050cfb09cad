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
