"""Which creator an order belongs to, and why: a promo code, then a click, then UTM parameters.

Pure rules over values the caller loads. The order of evidence follows what a shop can prove:
1. a promo code that belongs to a deal wins (codes are matched without regard to case);
2. otherwise the last human click on one of the workspace's tracked links by the same visitor
   (the visitor id the redirect carries to the shop in the landing URL) within the window;
3. otherwise the order's landing site or referrer naming a creator's link by its UTM
   parameters (utm_campaign and utm_content, as the links write them);
4. otherwise the order is kept as unattributed, and said so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qsl, urlsplit

from influent.domain.messages import Message

__all__ = [
    "DEFAULT_WINDOW",
    "VISITOR_PARAM",
    "Attribution",
    "Click",
    "LinkTarget",
    "Method",
    "OrderFacts",
    "attribute",
    "landing_parameters",
]

# The query parameter the redirect adds to a link's destination: the visitor's daily-salted hash.
VISITOR_PARAM = "inf_vid"
DEFAULT_WINDOW = timedelta(days=30)


class Method(StrEnum):
    CODE = "code"
    CLICK = "click"
    UTM = "utm"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Who a code or a link stands for."""

    creator_id: int
    campaign_id: int | None = None
    deal_id: int | None = None
    link_id: int | None = None


@dataclass(frozen=True, slots=True)
class Click:
    at: datetime
    visitor: str
    target: LinkTarget
    is_bot: bool = False


@dataclass(frozen=True, slots=True)
class OrderFacts:
    placed_at: datetime
    codes: tuple[str, ...] = ()
    landing_site: str | None = None
    referring_site: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    method: Method
    target: LinkTarget | None
    reason: Message


def landing_parameters(url: str | None) -> dict[str, str]:
    """The query parameters of a landing or referring URL (first value of each), lower-cased keys."""
    if not url:
        return {}
    query = urlsplit(url if "://" in url or url.startswith("/") else f"/{url}").query
    found: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=False):
        found.setdefault(key.lower(), value)
    return found


def attribute(
    order: OrderFacts,
    *,
    codes: Mapping[str, LinkTarget],
    clicks: Sequence[Click],
    links_by_utm: Mapping[tuple[str, str], LinkTarget],
    window: timedelta = DEFAULT_WINDOW,
) -> Attribution:
    """The attribution of one order; `codes` is keyed by lower-case code, `links_by_utm` by
    (utm_campaign, utm_content) lower-cased, `clicks` are the clicks of the order's visitor."""
    for code in order.codes:
        target = codes.get(code.strip().lower())
        if target is not None:
            return Attribution(Method.CODE, target, Message("attribution.code", {"code": code}))
    params = landing_parameters(order.landing_site)
    visitor = params.get(VISITOR_PARAM)
    if visitor:
        earliest = order.placed_at - window
        human = [
            c
            for c in clicks
            if c.visitor == visitor and not c.is_bot and earliest <= c.at <= order.placed_at
        ]
        if human:
            last = max(human, key=lambda c: c.at)
            return Attribution(
                Method.CLICK,
                last.target,
                Message(
                    "attribution.click",
                    {
                        "days": window.days,
                        "count": window.days,
                        "clicked": last.at.date().isoformat(),
                    },
                ),
            )
    for url in (order.landing_site, order.referring_site):
        utm = landing_parameters(url)
        key = (utm.get("utm_campaign", "").lower(), utm.get("utm_content", "").lower())
        if all(key) and key in links_by_utm:
            return Attribution(
                Method.UTM,
                links_by_utm[key],
                Message("attribution.utm", {"campaign": key[0], "content": key[1]}),
            )
    if order.codes:
        return Attribution(
            Method.NONE, None, Message("attribution.unknown_code", {"code": order.codes[0]})
        )
    return Attribution(Method.NONE, None, Message("attribution.none", {}))
