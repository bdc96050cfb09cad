"""Each creator's private page for a campaign: their own numbers, nothing about anyone else.

The link carries an unguessable token (256 random bits); only its SHA-256 is stored, so a
leaked database does not leak the links. Revoking a creator's links ends them at once. Every
figure on the page is read with the link's workspace, campaign and creator as the only keys:
their tracked links and clicks, their promo codes, their orders and what their deals pay them
(fees, and the commission per order times their orders, as the campaign report counts it).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.store.campaign_models import Campaign
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link, LinkDay
from influent.store.models import Creator
from influent.store.order_models import OrderRollup, PortalLink

__all__ = [
    "CreatorLink",
    "PortalDay",
    "PortalError",
    "PortalView",
    "create_portal_link",
    "open_portal",
    "revoke_portal_links",
]

_PREFIX = "p_"


class PortalError(MessageError):
    """No such portal link, or it was revoked (shown as a plain 404)."""


@dataclass(frozen=True, slots=True)
class PortalDay:
    day: date
    orders: int
    revenue_minor: int
    clicks: int = 0


@dataclass(frozen=True, slots=True)
class CreatorLink:
    """One of the creator's tracked links: its short key, where it goes, its human clicks."""

    key: str
    destination: str
    clicks: int


@dataclass(frozen=True, slots=True)
class PortalView:
    creator_name: str
    language: str | None
    campaign_name: str
    currency: str
    orders: int
    revenue_minor: int
    refunded_minor: int
    days: tuple[PortalDay, ...]
    links: tuple[CreatorLink, ...] = ()
    codes: tuple[str, ...] = ()
    fees_minor: int = 0
    commissions_minor: int = 0

    @property
    def net_minor(self) -> int:
        return self.revenue_minor - self.refunded_minor

    @property
    def clicks(self) -> int:
        return sum(link.clicks for link in self.links)

    @property
    def earnings_minor(self) -> int:
        return self.fees_minor + self.commissions_minor

    def has_link(self, key: str) -> bool:
        return any(link.key == key for link in self.links)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_portal_link(
    session: Session, *, workspace_id: int, campaign_id: int, creator_id: int
) -> str:
    """A new link token for this creator and campaign; shown once, stored only as a hash."""
    campaign = session.get(Campaign, campaign_id)
    creator = session.get(Creator, creator_id)
    if (
        campaign is None
        or creator is None
        or campaign.workspace_id != workspace_id
        or creator.workspace_id != workspace_id
    ):
        raise PortalError("portal.error.unknown")
    token = _PREFIX + secrets.token_urlsafe(32)
    session.add(
        PortalLink(
            workspace_id=workspace_id,
            campaign_id=campaign_id,
            creator_id=creator_id,
            token_hash=_hash(token),
        )
    )
    session.flush()
    return token


def revoke_portal_links(
    session: Session, *, workspace_id: int, campaign_id: int, creator_id: int
) -> int:
    """End every live link of this creator for this campaign; returns how many."""
    result = session.execute(
        update(PortalLink)
        .where(
            PortalLink.workspace_id == workspace_id,
            PortalLink.campaign_id == campaign_id,
            PortalLink.creator_id == creator_id,
            PortalLink.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def open_portal(session: Session, token: str) -> PortalView:
    """The page behind a token; PortalError for an unknown or revoked one."""
    if not token.startswith(_PREFIX) or len(token) > 100:
        raise PortalError("portal.error.unknown")
    link = session.scalar(
        select(PortalLink).where(
            PortalLink.token_hash == _hash(token), PortalLink.revoked_at.is_(None)
        )
    )
    if link is None:
        raise PortalError("portal.error.unknown")
    campaign = session.get(Campaign, link.campaign_id)
    creator = session.get(Creator, link.creator_id)
    assert campaign is not None and creator is not None  # cascades remove links with them
    mine = (
        OrderRollup.workspace_id == link.workspace_id,
        OrderRollup.campaign_id == link.campaign_id,
        OrderRollup.creator_id == link.creator_id,
        OrderRollup.currency == campaign.currency,
    )
    rows = session.execute(
        select(
            OrderRollup.day,
            func.sum(OrderRollup.orders),
            func.sum(OrderRollup.revenue_minor),
            func.sum(OrderRollup.refunded_minor),
        )
        .where(*mine)
        .group_by(OrderRollup.day)
        .order_by(OrderRollup.day)
    ).all()
    links, clicks = _links(session, link)
    by_day = {day: (int(o), int(r) - int(f)) for day, o, r, f in rows}
    days = tuple(
        PortalDay(day, *by_day.get(day, (0, 0)), clicks=clicks.get(day, 0))
        for day in sorted(set(by_day) | set(clicks))
    )
    ordered = sum(int(o) for _, o, _, _ in rows)
    fees, rate = _deals(session, link, campaign.currency)
    return PortalView(
        creator_name=creator.name,
        language=creator.language,
        campaign_name=campaign.name,
        currency=campaign.currency,
        orders=ordered,
        revenue_minor=sum(int(r) for _, _, r, _ in rows),
        refunded_minor=sum(int(f) for _, _, _, f in rows),
        days=days,
        links=links,
        codes=_codes(session, link),
        fees_minor=fees,
        commissions_minor=rate * ordered,
    )


def _links(session: Session, link: PortalLink) -> tuple[tuple[CreatorLink, ...], dict[date, int]]:
    mine = (
        Link.workspace_id == link.workspace_id,
        Link.campaign_id == link.campaign_id,
        Link.creator_id == link.creator_id,
    )
    links = tuple(
        CreatorLink(key, destination, int(human or 0))
        for key, destination, human in session.execute(
            select(Link.key, Link.destination, Link.clicks_human).where(*mine).order_by(Link.id)
        )
    )
    clicks = {
        day: int(human or 0)
        for day, human in session.execute(
            select(LinkDay.day, func.sum(LinkDay.human))
            .join(Link, Link.id == LinkDay.link_id)
            .where(*mine)
            .group_by(LinkDay.day)
        )
        if human
    }
    return links, clicks


def _deals(session: Session, link: PortalLink, currency: str) -> tuple[int, int]:
    """Their fees, and the commission each order earns (the highest of their deals' rates)."""
    rows = session.execute(
        select(Deal.fee_minor, Deal.commission_per_order_minor).where(
            Deal.workspace_id == link.workspace_id,
            Deal.campaign_id == link.campaign_id,
            Deal.creator_id == link.creator_id,
            Deal.status != "cancelled",
            Deal.currency == currency,
        )
    ).all()
    return sum(int(f or 0) for f, _ in rows), max([0, *(int(r or 0) for _, r in rows)])


def _codes(session: Session, link: PortalLink) -> tuple[str, ...]:
    by_deal = select(Deal.promo_code_id).where(
        Deal.workspace_id == link.workspace_id,
        Deal.campaign_id == link.campaign_id,
        Deal.creator_id == link.creator_id,
        Deal.status != "cancelled",
    )
    codes = session.scalars(
        select(PromoCode.code)
        .where(
            PromoCode.workspace_id == link.workspace_id,
            or_(
                PromoCode.id.in_(by_deal),
                (PromoCode.creator_id == link.creator_id)
                & (PromoCode.campaign_id == link.campaign_id),
            ),
        )
        .order_by(PromoCode.code)
    )
    return tuple(dict.fromkeys(codes))
