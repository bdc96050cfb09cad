"""Deals as plain values for the faces: figures, states, the history, and how to say them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import Message
from influent.domain.money import format_major
from influent.domain.pricing import PriceEstimate
from influent.services.deals._codes import state_of
from influent.services.deals._errors import DealError
from influent.services.i18n import Translator
from influent.store.campaign_models import Campaign
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link
from influent.store.models import Creator, User

# Parameters written as percentages, as money, or as the name of a known value.
_RATES = {"rate", "share"}
_LABELS = {
    "format": "deal.format",
    "status": "deal.status",
    "current": "deal.status",
    "target": "deal.status",
    "platform": "platform",
    "party": "deal.party",
    "tier": "deal.tier",
}
# Lists of known values, joined by ", " in the message's parameters.
_LISTS = {"allowed": "deal.status"}


@dataclass(frozen=True, slots=True)
class CodeView:
    code: str
    kind: str
    percent_off: int | None
    amount_off: float | None
    currency: str
    starts_on: date | None
    ends_on: date | None
    usage_limit: int | None
    times_used: int
    state: str  # scheduled | active | expired | exhausted
    campaign: str | None
    creator: str | None


@dataclass(frozen=True, slots=True)
class DeliverableView:
    platform: str
    format: str
    quantity: int
    due_on: date | None
    story_link: bool
    creative_freedom: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    kind: str
    at: datetime
    from_status: str | None
    to_status: str | None
    party: str | None
    fee: float | None
    currency: str | None
    note: str | None
    author: str | None


@dataclass(frozen=True, slots=True)
class DealLink:
    """A tracked link of the deal's creator in the deal's campaign."""

    key: str
    path: str  # the short link's path on the redirect host: /r/{key}
    destination: str  # where the redirect sends, UTM parameters included
    clicks_human: int


@dataclass(frozen=True, slots=True)
class DealView:
    id: int
    status: str
    campaign_id: int
    campaign: str
    creator_id: int
    creator: str
    creator_language: str
    handle: str | None
    fee: float
    currency: str
    gifted_value: float | None
    commission_per_order: float | None
    landing_url: str | None
    code: CodeView | None
    deliverables: tuple[DeliverableView, ...]
    events: tuple[EventView, ...]
    estimate_low: float | None
    estimate_point: float | None
    estimate_high: float | None
    position: str | None  # below | within | above the estimate's range (EUR deals only)
    discount_reason: str | None
    created_at: datetime
    links: tuple[DealLink, ...] = ()


def code_view(session: Session, code: PromoCode, today: date | None = None) -> CodeView:
    campaign = session.get(Campaign, code.campaign_id) if code.campaign_id else None
    creator = session.get(Creator, code.creator_id) if code.creator_id else None
    return CodeView(
        code=code.code,
        kind=code.kind,
        percent_off=code.percent_off,
        amount_off=(
            format_major(code.amount_off_minor, code.currency)
            if code.amount_off_minor is not None
            else None
        ),
        currency=code.currency,
        starts_on=code.starts_on,
        ends_on=code.ends_on,
        usage_limit=code.usage_limit,
        times_used=code.times_used,
        state=state_of(code, today),
        campaign=campaign.name if campaign else None,
        creator=creator.name if creator else None,
    )


def _language(creator: Creator) -> str:
    text = (creator.language or "").strip().lower()
    return "fr" if text.startswith(("fr", "fra")) else "en"


def deal_links(session: Session, deal: Deal) -> tuple[DealLink, ...]:
    """The tracked links of the deal's creator in the deal's campaign, oldest first."""
    rows = session.scalars(
        select(Link)
        .where(
            Link.workspace_id == deal.workspace_id,
            Link.campaign_id == deal.campaign_id,
            Link.creator_id == deal.creator_id,
        )
        .order_by(Link.id)
    )
    return tuple(DealLink(r.key, f"/r/{r.key}", r.target_url, r.clicks_human) for r in rows)


def deal_view(session: Session, deal: Deal, today: date | None = None) -> DealView:
    campaign = session.get(Campaign, deal.campaign_id)
    creator = session.get(Creator, deal.creator_id)
    if campaign is None or creator is None:  # pragma: no cover - foreign keys forbid it
        raise DealError("deal.error.not_found", ref=str(deal.id))
    code = session.get(PromoCode, deal.promo_code_id) if deal.promo_code_id else None
    fee = format_major(deal.fee_minor, deal.currency)
    low = point = high = None
    position = None
    if deal.estimate_point_minor is not None:
        low = (deal.estimate_low_minor or 0) / 100
        point = deal.estimate_point_minor / 100
        high = (deal.estimate_high_minor or 0) / 100
        if deal.currency == "EUR":
            position = "below" if fee < low else "above" if fee > high else "within"
    events = []
    for event in deal.events:
        author = session.get(User, event.author_id) if event.author_id else None
        events.append(
            EventView(
                kind=event.kind,
                at=event.created_at,
                from_status=event.from_status,
                to_status=event.to_status,
                party=event.party,
                fee=(
                    format_major(event.fee_minor, event.currency)
                    if event.fee_minor is not None and event.currency
                    else None
                ),
                currency=event.currency,
                note=event.note,
                author=(author.name or author.email) if author else None,
            )
        )
    return DealView(
        id=deal.id,
        status=deal.status,
        campaign_id=campaign.id,
        campaign=campaign.name,
        creator_id=creator.id,
        creator=creator.name,
        creator_language=_language(creator),
        handle=creator.handle,
        fee=fee,
        currency=deal.currency,
        gifted_value=(
            format_major(deal.gifted_value_minor, deal.currency)
            if deal.gifted_value_minor is not None
            else None
        ),
        commission_per_order=(
            format_major(deal.commission_per_order_minor, deal.currency)
            if deal.commission_per_order_minor is not None
            else None
        ),
        landing_url=deal.landing_url,
        code=code_view(session, code, today) if code else None,
        deliverables=tuple(
            DeliverableView(
                d.platform, d.format, d.quantity, d.due_on, d.story_link, d.creative_freedom
            )
            for d in deal.deliverables
        ),
        events=tuple(events),
        estimate_low=low,
        estimate_point=point,
        estimate_high=high,
        position=position,
        discount_reason=deal.discount_reason,
        created_at=deal.created_at,
        links=deal_links(session, deal),
    )


def say(translator: Translator, message: Message) -> str:
    """A message with its figures written the local way (rates as percentages)."""
    params: dict[str, Any] = {}
    for key, value in message.params.items():
        if key == "count":
            params[key] = value  # chooses the plural form; the translator writes it
        elif key in _LABELS and isinstance(value, str):
            params[key] = translator.label(_LABELS[key], value)
        elif key in _LISTS and isinstance(value, str):
            params[key] = ", ".join(translator.label(_LISTS[key], v) for v in value.split(", "))
        elif key in _RATES and isinstance(value, float):
            params[key] = translator.pct(value, 1)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            params[key] = value
        elif isinstance(value, float) and not value.is_integer():
            params[key] = translator.num(value, 2)
        else:
            params[key] = translator.num(value)
    return translator.t(message.code, **params)


def estimate_json(
    estimate: PriceEstimate, translator: Translator, quantity: int = 1
) -> dict[str, Any]:
    total = estimate.times(quantity)
    return {
        "low": round(total.low),
        "point": round(total.point),
        "high": round(total.high),
        "currency": total.currency,
        "basis": [say(translator, m) for m in estimate.basis],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def deal_json(view: DealView) -> dict[str, Any]:
    data: dict[str, Any] = _plain(view)
    return data


def code_json(view: CodeView) -> dict[str, Any]:
    data: dict[str, Any] = _plain(view)
    return data
