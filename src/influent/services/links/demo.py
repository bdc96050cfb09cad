"""Demo links: a live campaign's creators get tracked links with a believable click history.

Each link has one story day: a spike of clicks the day the creator posts (a share of the
account's audience), previewers fetching the link as it is shared, then a long tail that
decays day after day. The clicks, the daily rollups and the counters agree, as if every click
had come through the redirect. Deterministic for a given seed and date.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from influent.services.campaigns import create_campaign
from influent.services.links._service import create_link
from influent.store.campaign_models import Campaign
from influent.store.link_models import LinkClick, LinkDay
from influent.store.models import Account

__all__ = ["DEMO_CAMPAIGN", "seed_demo_links"]

# The demo's launch campaign, shared with outreach and deals.
DEMO_CAMPAIGN = "Lancement sérum"
LINKS = 8
TAIL_DAYS = 21
# Previewers that fetch a link when it is pasted in a chat or a post.
_BOTS = ("whatsapp", "facebook", "imessage", "slack", "x", "google", "telegram")


def _campaign(session: Session, workspace_id: int, today: date) -> Campaign:
    found = session.scalar(
        select(Campaign).where(
            Campaign.workspace_id == workspace_id, Campaign.name == DEMO_CAMPAIGN
        )
    )
    return found or create_campaign(
        session,
        workspace_id=workspace_id,
        name=DEMO_CAMPAIGN,
        goal="sales",
        starts_on=today - timedelta(days=TAIL_DAYS + 7),
        ends_on=today + timedelta(days=14),
        budget_minor=1_500_000,
        brief="Sérum Éclat à la vitamine C : une story et un lien par créatrice.",
        landing_url="https://maisonverte.fr/serum-eclat",
    )


def _daily_humans(rand: random.Random, audience: int, story: int, days: int) -> list[int]:
    """Clicks by people per day: a spike on the story day, then a decaying tail."""
    spike = min(2500, max(40, int(audience * rand.uniform(0.004, 0.012))))
    counts = []
    for day in range(days):
        if day < story:
            counts.append(rand.randint(0, 2))  # the link shared early, in a bio
        else:
            after = day - story
            counts.append(int(spike * 0.42**after + rand.uniform(0, 6) / (1 + after / 7)))
    return counts


def seed_demo_links(session: Session, *, workspace_id: int, today: date, seed: int = 42) -> int:
    """Links for the demo campaign's creators, with their click history; returns the count."""
    rand = random.Random(f"links-{seed}-{today.isoformat()}")
    campaign = _campaign(session, workspace_id, today)
    accounts = list(
        session.scalars(
            select(Account)
            .where(
                Account.workspace_id == workspace_id,
                Account.platform.in_(("instagram", "tiktok", "youtube")),
                Account.followers.between(15_000, 400_000),
            )
            .order_by(Account.id)
        )
    )
    chosen = rand.sample(accounts, min(LINKS, len(accounts)))
    days = TAIL_DAYS + 7
    first = today - timedelta(days=days - 1)
    clicks: list[dict[str, object]] = []
    rollups: list[dict[str, object]] = []
    for account in chosen:
        link = create_link(
            session,
            workspace_id=workspace_id,
            creator=f"{account.platform}:{account.handle}",
            campaign=campaign.id,
        )
        link.created_at = datetime.combine(first, time(9), UTC)
        story = rand.randint(4, days - 3)
        per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
        for offset, humans in enumerate(_daily_humans(rand, account.followers or 0, story, days)):
            day = first + timedelta(days=offset)
            bots = rand.randint(0, 3) + (rand.randint(15, 40) if offset == story else 0)
            visitors = [f"{rand.getrandbits(128):032x}" for _ in range(max(1, humans))]
            seen: set[str] = set()
            start = datetime.combine(day, time(0), UTC)
            for number in range(humans + bots):
                is_bot = number >= humans
                # Stories go up in the evening: most clicks between 18:00 and 23:00.
                hour = rand.choice((8, 12, 13, 18, 19, 19, 20, 20, 21, 21, 22, 23))
                at = start + timedelta(hours=hour, seconds=rand.randrange(3600))
                if at > datetime.now(UTC):
                    at = datetime.now(UTC) - timedelta(seconds=rand.randrange(60, 3600))
                visitor = (
                    f"{rand.getrandbits(128):032x}"
                    if is_bot
                    else visitors[int(rand.random() ** 1.6 * len(visitors))]
                )
                clicks.append(
                    {
                        "link_id": link.id,
                        "at": at,
                        "visitor": visitor,
                        "is_bot": is_bot,
                        "agent": rand.choice(_BOTS) if is_bot else "browser",
                    }
                )
                per_day[day][1 if is_bot else 0] += 1
                if not is_bot:
                    seen.add(visitor)
            per_day[day][2] = len(seen)
        for day, (human, bot, unique) in sorted(per_day.items()):
            if human or bot:
                rollups.append(
                    {"link_id": link.id, "day": day, "human": human, "bot": bot, "visitors": unique}
                )
        link.clicks_human = sum(h for h, _, _ in per_day.values())
        link.clicks_bot = sum(b for _, b, _ in per_day.values())
        link.visitors = sum(v for _, _, v in per_day.values())
    if clicks:
        session.execute(insert(LinkClick), clicks)
    if rollups:
        session.execute(insert(LinkDay), rollups)
    session.flush()
    return len(chosen)
