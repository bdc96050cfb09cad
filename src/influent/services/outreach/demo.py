"""Outreach in the demo workspace: two campaigns in progress with a believable past.

A spring sales campaign started ten weeks ago (most conversations settled: deals, posts live,
losses with their reasons) and a year-end branding campaign started three weeks ago (first
messages, follow-ups due today, creators waiting on an answer). The rates stay close to the
planner's priors, so the funnel and the plan tell the same story. Seeded: the same demo every time.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.pipeline import LostReason, Stage
from influent.domain.touches import Channel, ContactKind, Direction
from influent.services.campaigns import create_campaign
from influent.services.outreach._contacts import add_contact_point, assign_agent, create_agent
from influent.services.outreach._followups import set_follow_up_rule
from influent.services.outreach._pipeline import add_to_campaign, move
from influent.services.outreach._touches import log_touch
from influent.store.models import Creator
from influent.store.outreach_models import Opportunity

__all__ = ["seed_outreach"]

_CAMPAIGNS = (
    # name, goal, days since start, creators, brief
    (
        "Lancement sérum",
        "sales",
        40,
        40,
        "Lancement du sérum éclat à la vitamine C : une routine du matin, sans filtre. "
        "Objectif : des ventes, avec un code et un lien par créateur.",
    ),
    (
        "Coffrets de fin d’année",
        "branding",
        21,
        26,
        "Coffrets cadeaux de Noël en édition limitée : sérum, baume et huile. "
        "Objectif : faire connaître la marque avant décembre.",
    ),
)
_AGENCIES = (("Claire Dumas", "Agence Lumière"), ("Julien Perrin", "Talents & Co"))
_FIRST = {
    "fr": "Bonjour {name}, votre dernier contenu m'a donné envie de vous écrire…",
    "en": "Hi {name}, your latest piece made me want to write to you…",
}


class _Story:
    """One opportunity's life, written step by step, stopping at the present."""

    def __init__(
        self,
        session: Session,
        workspace_id: int,
        user_id: int,
        opportunity: Opportunity,
        now: datetime,
    ) -> None:
        self.session, self.ws, self.user, self.opp, self.now = (
            session,
            workspace_id,
            user_id,
            opportunity,
            now,
        )

    def touch(self, at: datetime, channel: Channel, direction: Direction, text: str) -> bool:
        if at >= self.now:
            return False
        log_touch(
            self.session,
            workspace_id=self.ws,
            opportunity_id=self.opp.id,
            channel=channel,
            direction=direction,
            content=text,
            user_id=self.user,
            at=at,
        )
        return True

    def move(self, at: datetime, stage: Stage, reason: LostReason | None = None) -> bool:
        if at >= self.now:
            return False
        move(
            self.session,
            workspace_id=self.ws,
            opportunity_id=self.opp.id,
            stage=stage,
            lost_reason=reason,
            user_id=self.user,
            now=at,
        )
        return True


def _channel(
    rand: random.Random, session: Session, ws: int, creator: Creator, agents: list[int]
) -> Channel:
    roll = rand.random()
    if roll < 0.15:
        assign_agent(session, workspace_id=ws, agent_id=rand.choice(agents), creator_id=creator.id)
        return Channel.AGENT_EMAIL
    if roll < 0.6 and creator.platform in ("instagram", "tiktok"):
        return Channel.INSTAGRAM_DM if creator.platform == "instagram" else Channel.TIKTOK_DM
    address = (
        creator.email or f"{(creator.handle or 'contact').strip('@').replace('.', '')}@example.com"
    )
    add_contact_point(
        session, workspace_id=ws, creator_id=creator.id, kind=ContactKind.EMAIL, value=address
    )
    return Channel.EMAIL


def _live(rand: random.Random, story: _Story, channel: Channel, start: datetime) -> None:
    """From the first message on: replies, follow-ups, negotiation, deal, live, done or lost."""
    language = "fr" if rand.random() < 0.8 else "en"
    name = story.opp.creator.name.split()[0]
    if not story.touch(start, channel, Direction.OUT, _FIRST[language].format(name=name)):
        return
    # About 45% reply in the end (Heepsy's 40%, lifted by follow-ups) and about 12% sign,
    # close to the practitioners' 10%.
    at, replied = start, rand.random() < 0.30
    for _ in range(2):
        if replied:
            break
        at += timedelta(days=4, hours=rand.randint(0, 20))
        if not story.touch(at, channel, Direction.OUT, "Petite relance…"):
            return
        replied = rand.random() < 0.12
    if not replied:
        story.move(
            at + timedelta(days=4, hours=rand.randint(1, 30)), Stage.LOST, LostReason.NO_ANSWER
        )
        return
    at += timedelta(days=rand.uniform(0.3, 3))
    if not story.touch(at, channel, Direction.IN, "Avec plaisir, dites-m'en plus !"):
        return
    at += timedelta(days=rand.uniform(0.5, 3))
    if rand.random() < 0.35:
        story.move(at, Stage.LOST, rand.choice([LostReason.DECLINED, LostReason.NOT_A_FIT]))
        return
    if not story.move(at, Stage.NEGOTIATING):
        return
    story.touch(at, channel, Direction.OUT, "Voici ce que nous proposons…")
    at += timedelta(days=rand.uniform(2, 9))
    if rand.random() < 0.55:
        story.move(at, Stage.LOST, rand.choice([LostReason.TOO_EXPENSIVE, LostReason.OTHER]))
        return
    if not story.move(at, Stage.DEAL):
        return
    at += timedelta(days=rand.uniform(6, 14))
    if story.move(at, Stage.LIVE):
        story.move(at + timedelta(days=rand.uniform(5, 10)), Stage.DONE)


def seed_outreach(
    session: Session, *, workspace_id: int, user_id: int, now: datetime, seed: int = 42
) -> None:
    """Two campaigns in progress in the demo workspace (its creators must exist already)."""
    rand = random.Random(f"outreach-{seed}")
    creators = list(
        session.scalars(
            select(Creator)
            .where(Creator.workspace_id == workspace_id, Creator.followers.is_not(None))
            .order_by(Creator.id)
        )
    )
    rand.shuffle(creators)
    agents = [
        create_agent(
            session,
            workspace_id=workspace_id,
            name=name,
            agency=agency,
            email=f"{name.split()[0].lower()}@{agency.split()[-1].lower()}.example",
        ).id
        for name, agency in _AGENCIES
    ]
    taken = 0
    for name, goal, days_ago, size, brief in _CAMPAIGNS:
        start = now - timedelta(days=days_ago)
        campaign = create_campaign(
            session,
            workspace_id=workspace_id,
            name=name,
            goal=goal,
            brief=brief,
            starts_on=start.date(),
            landing_url="https://maisonverte.fr/",
        )
        set_follow_up_rule(
            session,
            workspace_id=workspace_id,
            campaign_id=campaign.id,
            after_days=4,
            max_follow_ups=2,
        )
        chosen = creators[taken : taken + size]
        taken += size
        for creator in chosen:
            added_at = start + timedelta(days=rand.uniform(0, 4))
            [opportunity] = add_to_campaign(
                session,
                workspace_id=workspace_id,
                campaign_id=campaign.id,
                creator_ids=[creator.id],
                user_id=user_id,
                now=added_at,
            )
            if rand.random() < 0.15:
                continue  # still only identified
            story = _Story(session, workspace_id, user_id, opportunity, now)
            channel = _channel(rand, session, workspace_id, creator, agents)
            first = added_at + timedelta(days=rand.uniform(0.5, min(days_ago - 1, 18)))
            _live(rand, story, channel, first)
    session.flush()
