"""The creators table shows the account its filter asks for, and says when a page is past the end."""

from __future__ import annotations

from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.store.models import Account
from influent_testing import Team
from web.conftest import Browser, add_creator


def test_a_platform_filter_shows_that_platforms_account(
    owner: Browser, influent: Influent, team: Team
) -> None:
    creator_id = add_creator(
        influent, team.workspace_id, "lena.ig", name="Léna", followers=54_355, engagement_rate=0.04
    )
    with influent.session() as session:
        session.add(
            Account(
                workspace_id=team.workspace_id,
                creator_id=creator_id,
                platform=Platform.YOUTUBE.value,
                handle="LenaChannel",
                handle_key="lenachannel",
                followers=8_609,
            )
        )
    everything = owner.get("/creators").text
    assert "54,355" in everything and "lena.ig" in everything
    youtube = owner.get("/creators?platform=youtube").text
    assert "8,609" in youtube and "LenaChannel" in youtube
    assert "54,355" not in youtube and "lena.ig" not in youtube


def test_a_page_past_the_end_says_so_instead_of_no_match(
    owner: Browser, influent: Influent, team: Team
) -> None:
    add_creator(influent, team.workspace_id, "one", name="One", followers=10)
    page = owner.get("/creators?page=999").text
    assert "No creator matches these filters" not in page
    assert "Page 999 is past the last page" in page and 'href="/creators"' in page
