"""What attribution reads, loaded from the workspace's own tables.

Codes come from the deals that carry a promo code, UTM pairs from the tracked links, and a
visitor's clicks from `link_clicks` (bot clicks kept with their flag: the rule ignores them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.attribution import Click, LinkTarget
from influent.store.deal_models import Deal, PromoCode
from influent.store.link_models import Link, LinkClick

__all__ = ["AttributionData", "load_attribution_data", "prefetch_clicks"]

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class AttributionData:
    """What attribution reads for a workspace: codes of deals, links by UTM, a visitor's clicks."""

    codes: Mapping[str, LinkTarget] = field(default_factory=dict)
    links_by_utm: Mapping[tuple[str, str], LinkTarget] = field(default_factory=dict)
    clicks_of: Callable[[str], Sequence[Click]] = lambda _visitor: ()
    # The clicks of many visitors at once, so that a batch of orders reads them in few queries.
    clicks_of_many: Callable[[Sequence[str]], Mapping[str, Sequence[Click]]] | None = None


def _deal_codes(session: Session, workspace_id: int) -> dict[str, LinkTarget]:
    rows = session.execute(
        select(PromoCode.code, Deal.id, Deal.creator_id, Deal.campaign_id, Deal.status)
        .join(Deal, Deal.promo_code_id == PromoCode.id)
        .where(Deal.workspace_id == workspace_id, PromoCode.workspace_id == workspace_id)
        .order_by(Deal.id)
    ).all()
    codes: dict[str, LinkTarget] = {}
    # A code shared by several deals goes to the latest one that is not cancelled.
    for code, deal_id, creator_id, campaign_id, status in rows:
        key = code.strip().lower()
        if status == "cancelled" and key in codes:
            continue
        codes[key] = LinkTarget(creator_id, campaign_id, deal_id, None)
    return codes


def _deals_by_pair(session: Session, workspace_id: int) -> dict[tuple[int, int], int]:
    rows = session.execute(
        select(Deal.id, Deal.campaign_id, Deal.creator_id, Deal.status)
        .where(Deal.workspace_id == workspace_id)
        .order_by(Deal.id)
    ).all()
    pairs: dict[tuple[int, int], int] = {}
    for deal_id, campaign_id, creator_id, status in rows:
        if status != "cancelled" or (campaign_id, creator_id) not in pairs:
            pairs[(campaign_id, creator_id)] = deal_id
    return pairs


def _link_target(
    link_id: int, campaign_id: int, creator_id: int, deals: Mapping[tuple[int, int], int]
) -> LinkTarget:
    return LinkTarget(creator_id, campaign_id, deals.get((campaign_id, creator_id)), link_id)


def load_attribution_data(session: Session, workspace_id: int) -> AttributionData:
    """Codes, UTM pairs and clicks of one workspace, as `record` needs them."""
    deals = _deals_by_pair(session, workspace_id)
    links_by_utm: dict[tuple[str, str], LinkTarget] = {}
    for link_id, campaign_id, creator_id, utm_campaign, utm_content in session.execute(
        select(Link.id, Link.campaign_id, Link.creator_id, Link.utm_campaign, Link.utm_content)
        .where(Link.workspace_id == workspace_id, Link.creator_id.is_not(None))
        .order_by(Link.id)
    ):
        if utm_campaign and utm_content and creator_id is not None:
            key = (utm_campaign.strip().lower(), utm_content.strip().lower())
            links_by_utm[key] = _link_target(link_id, campaign_id, creator_id, deals)

    def clicks_of_many(visitors: Sequence[str]) -> Mapping[str, Sequence[Click]]:
        found: dict[str, list[Click]] = {v: [] for v in visitors}
        wanted = sorted(found)
        for start in range(0, len(wanted), _CHUNK):
            rows = session.execute(
                select(
                    LinkClick.visitor,
                    LinkClick.at,
                    LinkClick.is_bot,
                    Link.id,
                    Link.campaign_id,
                    Link.creator_id,
                )
                .join(Link, Link.id == LinkClick.link_id)
                .where(
                    LinkClick.visitor.in_(wanted[start : start + _CHUNK]),
                    Link.workspace_id == workspace_id,
                    Link.creator_id.is_not(None),
                )
            ).all()
            for visitor, at, is_bot, link_id, campaign_id, creator_id in rows:
                if creator_id is not None:
                    target = _link_target(link_id, campaign_id, creator_id, deals)
                    found[visitor].append(Click(at, visitor, target, bool(is_bot)))
        return found

    def clicks_of(visitor: str) -> Sequence[Click]:
        return clicks_of_many([visitor])[visitor]

    return AttributionData(
        codes=_deal_codes(session, workspace_id),
        links_by_utm=links_by_utm,
        clicks_of=clicks_of,
        clicks_of_many=clicks_of_many,
    )


def prefetch_clicks(data: AttributionData, visitors: Sequence[str]) -> AttributionData:
    """`data` whose `clicks_of` answers these visitors from one batched read."""
    wanted = set(visitors)
    if data.clicks_of_many is None or len(wanted) < 2:
        return data
    found = data.clicks_of_many(sorted(wanted))
    fallback = data.clicks_of

    def clicks_of(visitor: str) -> Sequence[Click]:
        return found.get(visitor, ()) if visitor in wanted else fallback(visitor)

    return replace(data, clicks_of=clicks_of)
