"""Touches: every outreach event, logged; the first one moves an opportunity to contacted,
a creator's answer moves it to replied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.pipeline import Stage, check_move
from influent.domain.touches import Channel, Direction, Outcome
from influent.services.outreach._contacts import recipient_for
from influent.services.outreach._pipeline import OutreachError, _record, get_opportunity
from influent.store.models import utcnow
from influent.store.outreach_models import Opportunity, Touch

__all__ = ["TouchView", "log_touch", "touches_of"]

_CLOSED = {Stage.DONE, Stage.LOST}


@dataclass(frozen=True, slots=True)
class TouchView:
    id: int
    channel: str
    direction: str
    at: datetime
    content: str | None
    outcome: str
    follow_up: bool
    recipient: str | None


@dataclass(frozen=True, slots=True)
class PlannedTouch:
    """What writing an outbound touch will do, decided before anything is sent."""

    opportunity: Opportunity
    recipient: str | None
    first_contact: bool
    follow_up: bool


def plan_outbound(
    session: Session, *, workspace_id: int, opportunity_id: int, channel: Channel
) -> PlannedTouch:
    """Check an outbound touch can happen (open opportunity, a way in); write nothing."""
    opportunity = get_opportunity(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    stage = Stage(opportunity.stage)
    if stage in _CLOSED:
        raise OutreachError("outreach.error.closed", stage=stage.value)
    recipient = recipient_for(
        session, workspace_id=workspace_id, creator_id=opportunity.creator_id, channel=channel
    )
    last = session.scalar(
        select(Touch)
        .where(Touch.opportunity_id == opportunity.id)
        .order_by(Touch.at.desc(), Touch.id.desc())
        .limit(1)
    )
    has_outbound = session.scalar(
        select(Touch.id)
        .where(Touch.opportunity_id == opportunity.id, Touch.direction == Direction.OUT.value)
        .limit(1)
    )
    if stage is Stage.IDENTIFIED:
        check_move(stage, Stage.CONTACTED)
    follow_up = last is not None and last.direction == Direction.OUT.value
    return PlannedTouch(opportunity, recipient, has_outbound is None, follow_up)


def write_touch(
    session: Session,
    *,
    plan: PlannedTouch | None,
    opportunity: Opportunity,
    channel: Channel,
    direction: Direction,
    content: str | None,
    outcome: Outcome,
    user_id: int | None,
    at: datetime,
    message_id: str | None = None,
) -> Touch:
    touch = Touch(
        workspace_id=opportunity.workspace_id,
        creator_id=opportunity.creator_id,
        opportunity_id=opportunity.id,
        channel=channel.value,
        direction=direction.value,
        at=at,
        content=(content or "").strip()[:5000] or None,
        outcome=outcome.value,
        first_contact=bool(plan and plan.first_contact),
        follow_up=bool(plan and plan.follow_up),
        recipient=plan.recipient if plan else None,
        message_id=message_id,
        user_id=user_id,
    )
    session.add(touch)
    stage = Stage(opportunity.stage)
    if direction is Direction.OUT and stage is Stage.IDENTIFIED:
        _record(session, opportunity, Stage.CONTACTED, user_id=user_id, now=at)
    elif direction is Direction.IN and stage is Stage.CONTACTED:
        _record(session, opportunity, Stage.REPLIED, user_id=user_id, now=at)
    session.flush()
    return touch


def log_touch(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    channel: Channel,
    direction: Direction,
    content: str | None = None,
    outcome: Outcome | None = None,
    user_id: int | None = None,
    at: datetime | None = None,
) -> Touch:
    """Log a DM, a call, a meeting or a reply received; moves the stage when it follows."""
    at = at or utcnow()
    if at > utcnow():
        raise OutreachError("outreach.error.touch_in_future")
    plan = None
    if direction is Direction.OUT:
        plan = plan_outbound(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id, channel=channel
        )
        opportunity = plan.opportunity
    else:
        opportunity = get_opportunity(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        )
    chosen = outcome or (Outcome.SENT if direction is Direction.OUT else Outcome.REPLIED)
    return write_touch(
        session,
        plan=plan,
        opportunity=opportunity,
        channel=channel,
        direction=direction,
        content=content,
        outcome=chosen,
        user_id=user_id,
        at=at,
    )


def touches_of(session: Session, *, workspace_id: int, opportunity_id: int) -> list[TouchView]:
    get_opportunity(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return [
        TouchView(
            t.id, t.channel, t.direction, t.at, t.content, t.outcome, t.follow_up, t.recipient
        )
        for t in session.scalars(
            select(Touch)
            .where(Touch.opportunity_id == opportunity_id)
            .order_by(Touch.at.desc(), Touch.id.desc())
        )
    ]
