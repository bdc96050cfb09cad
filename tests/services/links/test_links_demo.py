"""The demo's links: a story-day spike, a long tail, and counters that agree with the clicks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.demo import build_demo
from influent.services.links import link_days, list_links
from influent.store.link_models import LinkClick

TODAY = date(2025, 3, 31)


def test_the_demo_gets_links_with_a_spike_and_a_long_tail(influent: Influent) -> None:
    with influent.session() as session:
        summary = build_demo(session, creators=40, days=30, today=TODAY)
    with influent.session() as session:
        links = list_links(session, workspace_id=summary.workspace_id)
        assert len(links) >= 5
        assert all(link.target_url.startswith("https://maisonverte.fr/") for link in links)
        for link in links:
            stats = link_days(session, link=link)
            clicks = session.scalar(
                select(func.count()).select_from(LinkClick).where(LinkClick.link_id == link.id)
            )
            assert stats.human + stats.bot == clicks
            assert stats.human == sum(human for _, human, _, _ in stats.days)
            assert 0 < stats.visitors <= stats.human
            humans = [human for _, human, _, _ in stats.days]
            peak = humans.index(max(humans))
            assert max(humans) >= 40
            # The tail decays after the story and is still there a few days later.
            after = humans[peak + 1 : peak + 4]
            assert after and all(count < max(humans) for count in after)
            assert stats.days[-1][0] <= TODAY
