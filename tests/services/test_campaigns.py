"""Campaigns: created once per name, found by id, slug or name, with clear refusals."""

from __future__ import annotations

from datetime import date

import pytest

from influent.services.campaigns import CampaignError, create_campaign, find_campaign
from influent.services.core import Influent
from influent.services.i18n import Translator


def test_it_creates_and_finds_a_campaign(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        made = create_campaign(
            session, workspace_id=workspace_id, name="Lancement Sérum été", budget_minor=500_000
        )
        assert made.slug == "lancement-serum-ete"
        assert made.currency == "EUR"
    with influent.session() as session:
        for ref in (str(made.id), "lancement-serum-ete", "LANCEMENT SÉRUM ÉTÉ"):
            assert find_campaign(session, workspace_id=workspace_id, ref=ref).id == made.id


def test_it_refuses_a_duplicate_and_bad_dates_in_both_languages(
    influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        create_campaign(session, workspace_id=workspace_id, name="Rentrée")
    with influent.session() as session, pytest.raises(CampaignError) as duplicate:
        create_campaign(session, workspace_id=workspace_id, name="rentrée")
    assert (
        Translator("fr")
        .say(duplicate.value.message)
        .startswith("Une campagne «\u00a0rentrée\u00a0»")
    )
    with influent.session() as session, pytest.raises(CampaignError) as dates:
        create_campaign(
            session,
            workspace_id=workspace_id,
            name="Noël",
            starts_on=date(2027, 1, 10),
            ends_on=date(2027, 1, 1),
        )
    assert "ends (2027-01-01) before it starts" in Translator("en").say(dates.value.message)


def test_it_does_not_find_another_workspaces_campaign(influent: Influent, team: object) -> None:
    from influent_testing import Team

    assert isinstance(team, Team)
    with influent.session() as session:
        create_campaign(session, workspace_id=team.workspace_id, name="Secret")
    with influent.session() as session, pytest.raises(CampaignError):
        find_campaign(session, workspace_id=team.workspace_id + 1, ref="Secret")


@pytest.mark.parametrize(
    "landing",
    ["javascript:alert(1)", "ftp://shop.example/x", "//evil.example/", "https://a b.example/"],
)
def test_it_refuses_a_landing_page_people_could_not_be_sent_to(
    influent: Influent, workspace_id: int, landing: str
) -> None:
    with influent.session() as session, pytest.raises(CampaignError) as refused:
        create_campaign(session, workspace_id=workspace_id, name="Soldes", landing_url=landing)
    assert refused.value.message.code.startswith("links.error.destination_")
    assert Translator("fr").say(refused.value.message) != refused.value.message.code


def test_it_keeps_a_landing_page_normalised(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        campaign = create_campaign(
            session,
            workspace_id=workspace_id,
            name="Soldes",
            landing_url=" HTTPS://Shop.Example/été ",
        )
        assert campaign.landing_url == "https://shop.example/%C3%A9t%C3%A9"
        empty = create_campaign(session, workspace_id=workspace_id, name="Hiver", landing_url=" ")
        assert empty.landing_url is None
