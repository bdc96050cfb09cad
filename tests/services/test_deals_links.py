"""A deal's tracked links: those of its creator in its campaign, and no one else's."""

from __future__ import annotations

from deals_testing import seed_deal_with_links
from influent.services.core import Influent
from influent.services.deals import DealLink, deal_view, get_deal


def test_a_deal_shows_its_creators_tracked_link_in_its_campaign_only(
    influent: Influent, workspace_id: int
) -> None:
    _, deal_id = seed_deal_with_links(influent, workspace_id)
    with influent.session() as session:
        view = deal_view(session, get_deal(session, workspace_id=workspace_id, deal_id=deal_id))
    assert view.links == (
        DealLink(
            key="lena-serum",
            path="/r/lena-serum",
            destination=(
                "https://maisonverte.fr/serum?utm_source=instagram&utm_medium=influencer"
                "&utm_campaign=serum-launch&utm_content=lena"
            ),
            clicks_human=0,
        ),
    )
    assert all(link.key != "marc-serum" for link in view.links)
