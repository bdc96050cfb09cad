"""Demo orders for Maison Verte's live deals: the first campaign report tells a story.

The creator with the largest audience among the launch's live deals sells two serums; the smallest one sells a lot for a small fee. Other live deals sell in between, through
their codes. Visitors who clicked a tracked link order a little later (attributed by click),
a few orders arrive with a link's UTM parameters only (by UTM), some come from nowhere the
shop can tell (unattributed), and one order is refunded. Every order goes through the same
`record` as an import, so the rollups, the attribution and its reasons are the real ones.
Deterministic for a given seed and date.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from influent.domain.attribution import VISITOR_PARAM
from influent.domain.orders import OrderIn, RefundIn, Source
from influent.services.orders._ingest import record
from influent.store.campaign_models import Campaign
from influent.store.deal_models import Deal
from influent.store.link_models import Link, LinkClick
from influent.store.models import Creator

__all__ = ["DEMO_ORDERS_CAMPAIGN", "seed_demo_orders"]

DEMO_ORDERS_CAMPAIGN = "Lancement sérum"
_LIVE = ("live", "delivered", "paid")
_SHOP = "https://maisonverte.fr/serum-eclat"
# The serum alone, or with the cream, or the whole routine.
_BASKETS = ("49.90", "49.90", "49.90", "64.80", "89.70", "119.60")
_AVERAGE_BASKET = 6_900


class _Orders:
    """Numbers the demo's orders like a shop does (#1001, #1002…) and keeps them."""

    def __init__(self, rand: random.Random, now: datetime) -> None:
        self.rand = rand
        self.now = now
        self.made: list[OrderIn] = []

    def add(
        self,
        at: datetime,
        *,
        code: str | None = None,
        landing: str | None = None,
        basket: str | None = None,
    ) -> OrderIn:
        number = 1001 + len(self.made)
        order = OrderIn(
            source=Source.SHOPIFY,
            source_id=f"demo-{number}",
            name=f"#{number}",
            placed_at=min(at, self.now - timedelta(minutes=5)),
            currency="EUR",
            total_minor=int(Decimal(basket or self.rand.choice(_BASKETS)) * 100),
            codes=(code,) if code else (),
            landing_site=landing,
        )
        self.made.append(order)
        return order

    def moment(self, first: date, last: date) -> datetime:
        days = max(0, (last - first).days)
        day = first + timedelta(days=self.rand.randint(0, days))
        hour = self.rand.choice((9, 12, 13, 18, 19, 20, 20, 21, 21, 22))
        return datetime.combine(day, time(hour), UTC) + timedelta(minutes=self.rand.randrange(60))


def _live_deals(session: Session, workspace_id: int, campaign_id: int) -> list[Deal]:
    """The launch's live deals with a code, smallest audience first."""
    deals = session.scalars(
        select(Deal)
        .where(
            Deal.workspace_id == workspace_id,
            Deal.campaign_id == campaign_id,
            Deal.status.in_(_LIVE),
            Deal.promo_code_id.is_not(None),
        )
        .options(selectinload(Deal.promo_code), selectinload(Deal.events))
        .order_by(Deal.id)
    ).all()
    followers = {
        c.id: c.followers or 0
        for c in session.scalars(
            select(Creator).where(Creator.id.in_([d.creator_id for d in deals]))
        )
    }
    return sorted(deals, key=lambda d: (followers.get(d.creator_id, 0), d.id))


def _went_live(deal: Deal, start: date) -> date:
    """Codes sell from the day the deal went live (its content is out), else a few days in."""
    live = [e.created_at for e in deal.events if e.kind == "status" and e.to_status == "live"]
    return min(live).date() if live else start + timedelta(days=3)


def _clicked_visitors(
    session: Session, campaign_id: int, rand: random.Random
) -> list[tuple[datetime, str]]:
    """A few of the people who clicked each link, with the moment of their click."""
    found: list[tuple[datetime, str]] = []
    links = session.scalars(select(Link.id).where(Link.campaign_id == campaign_id)).all()
    for link_id in links:
        clicks = session.execute(
            select(LinkClick.at, LinkClick.visitor)
            .where(LinkClick.link_id == link_id, LinkClick.is_bot.is_(False))
            .order_by(LinkClick.id)
        ).all()
        if clicks:
            found += rand.sample(list(clicks), min(len(clicks), rand.randint(2, 5)))
    return [(at, visitor) for at, visitor in found]


def seed_demo_orders(session: Session, *, workspace_id: int, today: date, seed: int = 42) -> int:
    """Orders (and one refund) for the demo launch's live deals; returns how many orders."""
    campaign = session.scalar(
        select(Campaign).where(
            Campaign.workspace_id == workspace_id, Campaign.name == DEMO_ORDERS_CAMPAIGN
        )
    )
    if campaign is None:
        return 0
    rand = random.Random(f"orders-{seed}-{today.isoformat()}")
    now = min(datetime.now(UTC), datetime.combine(today, time(23, 30), UTC))
    start = campaign.starts_on or today - timedelta(days=28)
    made = _Orders(rand, now)
    deals = _live_deals(session, workspace_id, campaign.id)
    for rank, deal in enumerate(deals):
        assert deal.promo_code is not None
        smallest, largest = rank == 0, rank == len(deals) - 1 and len(deals) > 1
        # The story: the big audience sells little, the small one sells a lot.
        # The others earn back between a little less and twice what they cost.
        cost = deal.fee_minor + (deal.gifted_value_minor or 0)
        between = max(1, round(cost / _AVERAGE_BASKET * rand.uniform(0.8, 2.0)))
        count = 38 if smallest else 2 if largest else between
        code = deal.promo_code.code
        for _ in range(count):
            # Codes are typed as written on screen: any case.
            typed = code.lower() if rand.random() < 0.3 else code
            basket = _BASKETS[0] if largest else None  # the serum alone, nothing more
            made.add(made.moment(_went_live(deal, start), today), code=typed, basket=basket)
        # The shop counted at least these uses (an exhausted code stays exhausted).
        deal.promo_code.times_used = max(deal.promo_code.times_used or 0, count)
    for clicked_at, visitor in _clicked_visitors(session, campaign.id, rand):
        later = clicked_at + timedelta(minutes=rand.randint(4, 2 * 24 * 60))
        made.add(later, landing=f"{_SHOP}?{VISITOR_PARAM}={visitor}")
    targets = session.scalars(
        select(Link.target_url).where(Link.campaign_id == campaign.id).order_by(Link.id)
    ).all()
    for target in targets[:4]:
        made.add(made.moment(start + timedelta(days=5), today), landing=target)
    for _ in range(12):
        made.add(made.moment(start, today), landing=_SHOP if rand.random() < 0.5 else None)
    refunded = next((o for o in made.made if o.codes), made.made[0] if made.made else None)
    refunds = (
        [
            RefundIn(
                source=Source.SHOPIFY,
                source_id="demo-refund-1",
                order_source_id=refunded.source_id,
                refunded_at=min(refunded.placed_at + timedelta(days=4), now),
                currency="EUR",
                amount_minor=refunded.total_minor,
            )
        ]
        if refunded is not None
        else []
    )
    record(session, workspace_id=workspace_id, orders=made.made, refunds=refunds)
    return len(made.made)
