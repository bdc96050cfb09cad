"""The campaign board: its cards, the filters that narrow it, and moving many cards at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.messages import Message, MessageError
from influent.domain.pipeline import FUNNEL_STAGES, LostReason, MoveError, Stage, legal_moves
from influent.domain.platforms import Platform, Tier, tier_for
from influent.domain.touches import Channel
from influent.services.outreach._followups import due_list
from influent.services.outreach._pipeline import OutreachError, move
from influent.store.models import Creator, CreatorTag, Tag, utcnow
from influent.store.outreach_models import Opportunity, Touch

__all__ = [
    "DUE_FILTERS",
    "MAX_BULK",
    "BoardFilters",
    "BulkMove",
    "Card",
    "board",
    "board_tags",
    "move_many",
]

# "today": due by the end of today (overdue included); "overdue": due before today began (UTC).
DUE_FILTERS = ("today", "overdue")
# A board holds one campaign's creators; more ticked cards than this is not a person's click.
MAX_BULK = 1_000


@dataclass(frozen=True, slots=True)
class Card:
    """One creator on the board: who, their key numbers, where they stand, what is next."""

    opportunity_id: int
    creator_id: int
    name: str
    handle: str | None
    platform: str | None
    followers: int | None
    engagement_rate: float | None
    stage: str
    lost_reason: str | None
    moves: tuple[str, ...]
    last_touch_at: datetime | None
    touches: int
    tier: str | None = None
    last_channel: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BoardFilters:
    """What narrows the board; every field is a query parameter of the board's address."""

    q: str = ""
    stage: str = ""
    platform: str = ""
    tier: str = ""
    due: str = ""
    channel: str = ""
    tag: str = ""

    @classmethod
    def parse(cls, values: Mapping[str, str]) -> BoardFilters:
        """Filters from a query string; a value that names nothing is left out, not an error."""

        def pick(name: str, allowed: Iterable[str]) -> str:
            value = (values.get(name) or "").strip().lower()
            return value if value in set(allowed) else ""

        return cls(
            q=(values.get("q") or "").strip()[:100],
            stage=pick("stage", (s.value for s in Stage)),
            platform=pick("platform", (p.value for p in Platform)),
            tier=pick("tier", (t.value for t in Tier)),
            due=pick("due", DUE_FILTERS),
            channel=pick("channel", (c.value for c in Channel)),
            tag=(values.get("tag") or "").strip()[:100],
        )

    def params(self) -> dict[str, str]:
        """The filters in use, for a link that shows the same board."""
        return {name: value for name, value in _fields(self).items() if value}

    @property
    def active(self) -> bool:
        return bool(self.params())


def _fields(filters: BoardFilters) -> dict[str, str]:
    return {name: getattr(filters, name) for name in BoardFilters.__dataclass_fields__}


def _last_touches(session: Session, opportunity_ids: list[int]) -> dict[int, tuple[datetime, str]]:
    last: dict[int, tuple[datetime, str]] = {}
    if not opportunity_ids:
        return last
    for opportunity_id, at, channel in session.execute(
        select(Touch.opportunity_id, Touch.at, Touch.channel)
        .where(Touch.opportunity_id.in_(opportunity_ids))
        .order_by(Touch.at, Touch.id)
    ):
        if opportunity_id is not None:
            last[opportunity_id] = (at, channel)
    return last


def _tags_of(session: Session, creator_ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    if not creator_ids:
        return tags
    for creator_id, name in session.execute(
        select(CreatorTag.creator_id, Tag.name)
        .join(Tag, Tag.id == CreatorTag.tag_id)
        .where(CreatorTag.creator_id.in_(creator_ids))
        .order_by(Tag.name)
    ):
        tags.setdefault(creator_id, []).append(name)
    return tags


def _due_ids(
    session: Session, workspace_id: int, campaign_id: int, due: str, now: datetime
) -> set[int]:
    today = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    limit = today if due == "overdue" else today + timedelta(days=1)
    return {
        item.opportunity_id
        for item in due_list(
            session, workspace_id=workspace_id, campaign_id=campaign_id, now=now, upcoming_days=1
        )
        if item.due_at < limit
    }


def _keeps(card: Card, filters: BoardFilters) -> bool:
    needle = filters.q.lower().lstrip("@")
    tag = filters.tag.lower()
    return (
        (not needle or needle in card.name.lower() or needle in (card.handle or "").lower())
        and (not filters.stage or card.stage == filters.stage)
        and (not filters.platform or card.platform == filters.platform)
        and (not filters.tier or card.tier == filters.tier)
        and (not filters.channel or card.last_channel == filters.channel)
        and (not tag or any(t.lower() == tag for t in card.tags))
    )


def board(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    filters: BoardFilters | None = None,
    now: datetime | None = None,
) -> dict[str, list[Card]]:
    """The campaign's cards by stage, in funnel order (lost last); biggest audiences first.

    With `filters`, every column is kept (a card can still be dropped anywhere) but holds only
    the cards that pass all of them.
    """
    filters = filters or BoardFilters()
    counts = (
        select(Touch.opportunity_id, func.count(Touch.id).label("n"))
        .where(Touch.workspace_id == workspace_id)
        .group_by(Touch.opportunity_id)
        .subquery()
    )
    rows = session.execute(
        select(Opportunity, Creator, counts.c.n)
        .join(Creator, Creator.id == Opportunity.creator_id)
        .outerjoin(counts, counts.c.opportunity_id == Opportunity.id)
        .where(Opportunity.workspace_id == workspace_id, Opportunity.campaign_id == campaign_id)
        .order_by(Creator.followers.desc().nulls_last(), Creator.id)
    ).all()
    last = _last_touches(session, [o.id for o, _, _ in rows])
    tags = _tags_of(session, [c.id for _, c, _ in rows])
    due = (
        _due_ids(session, workspace_id, campaign_id, filters.due, now or utcnow())
        if filters.due
        else None
    )
    columns: dict[str, list[Card]] = {s.value: [] for s in (*FUNNEL_STAGES, Stage.LOST)}
    for opportunity, creator, count in rows:
        if due is not None and opportunity.id not in due:
            continue
        lost_from = Stage(opportunity.lost_from) if opportunity.lost_from else None
        tier = tier_for(creator.followers)
        last_at, last_channel = last.get(opportunity.id, (None, None))
        card = Card(
            opportunity_id=opportunity.id,
            creator_id=creator.id,
            name=creator.name,
            handle=creator.handle,
            platform=creator.platform,
            followers=creator.followers,
            engagement_rate=creator.engagement_rate,
            stage=opportunity.stage,
            lost_reason=opportunity.lost_reason,
            moves=tuple(s.value for s in legal_moves(Stage(opportunity.stage), lost_from)),
            last_touch_at=last_at,
            touches=int(count or 0),
            tier=tier.value if tier else None,
            last_channel=last_channel,
            tags=tuple(tags.get(creator.id, ())),
        )
        if _keeps(card, filters):
            columns[opportunity.stage].append(card)
    return columns


def board_tags(session: Session, *, workspace_id: int, campaign_id: int) -> list[str]:
    """The tags carried by the campaign's creators, for the board's tag filter."""
    return list(
        session.scalars(
            select(Tag.name)
            .join(CreatorTag, CreatorTag.tag_id == Tag.id)
            .join(Opportunity, Opportunity.creator_id == CreatorTag.creator_id)
            .where(Opportunity.workspace_id == workspace_id, Opportunity.campaign_id == campaign_id)
            .distinct()
            .order_by(Tag.name)
        )
    )


@dataclass(frozen=True, slots=True)
class Refusal:
    """A card a bulk move left where it was, and why."""

    opportunity_id: int
    name: str
    reason: Message


@dataclass(frozen=True, slots=True)
class BulkMove:
    """What a bulk move did: each card moved, or left in place with its reason."""

    stage: str
    moved: list[int] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def summary(self) -> Message:
        return Message(
            "outreach.bulk.summary",
            {"count": len(self.moved), "refused": len(self.refused)},
        )


def move_many(
    session: Session,
    *,
    workspace_id: int,
    campaign_id: int,
    opportunity_ids: Iterable[int],
    stage: Stage,
    lost_reason: LostReason | None = None,
    user_id: int | None = None,
    now: datetime | None = None,
) -> BulkMove:
    """Move each card that may go to `stage`; each other card stays put, reported with its reason.

    Each card moves whole or not at all (its stage and its history line together), so a
    refused card leaves nothing behind. A lost move without a reason is refused before any
    card moves, since it would be refused for every card.
    """
    wanted = list(dict.fromkeys(opportunity_ids))
    if not wanted:
        raise OutreachError("outreach.bulk.nothing_ticked")
    if len(wanted) > MAX_BULK:
        raise OutreachError("outreach.bulk.too_many", count=len(wanted), limit=MAX_BULK)
    if stage is Stage.LOST and lost_reason is None:
        raise MoveError(
            "outreach.error.reason_required", reasons=", ".join(r.value for r in LostReason)
        )
    names = dict(
        session.execute(
            select(Opportunity.id, Creator.name)
            .join(Creator, Creator.id == Opportunity.creator_id)
            .where(
                Opportunity.workspace_id == workspace_id,
                Opportunity.campaign_id == campaign_id,
                Opportunity.id.in_(wanted),
            )
        ).all()
    )
    report = BulkMove(stage=stage.value)
    now = now or utcnow()
    for opportunity_id in wanted:
        if opportunity_id not in names:
            missing = Message("outreach.error.opportunity_not_found", {"ref": f"#{opportunity_id}"})
            report.refused.append(Refusal(opportunity_id, f"#{opportunity_id}", missing))
            continue
        try:
            with session.begin_nested():
                move(
                    session,
                    workspace_id=workspace_id,
                    opportunity_id=opportunity_id,
                    stage=stage,
                    lost_reason=lost_reason if stage is Stage.LOST else None,
                    user_id=user_id,
                    now=now,
                )
        except MessageError as error:
            report.refused.append(Refusal(opportunity_id, names[opportunity_id], error.message))
            continue
        report.moved.append(opportunity_id)
    return report
