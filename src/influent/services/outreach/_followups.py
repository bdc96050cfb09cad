"""Follow-up rules per campaign, the due list, and the private calendar feed of it."""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.followups import (
    DueKind,
    FollowUpRule,
    NextAction,
    OpportunityState,
    next_action,
)
from influent.domain.pipeline import Stage
from influent.domain.touches import Direction
from influent.services.accounts import session_secret
from influent.services.campaigns import get_campaign
from influent.services.i18n import Translator
from influent.settings import Settings
from influent.store.campaign_models import Campaign
from influent.store.models import Creator, utcnow
from influent.store.outreach_models import FollowUpSetting, Opportunity, Touch

__all__ = [
    "DueItem",
    "calendar_feed",
    "calendar_token",
    "check_calendar_token",
    "due_list",
    "follow_up_rule",
    "set_follow_up_rule",
]

_WAITING = (Stage.CONTACTED.value, Stage.REPLIED.value, Stage.NEGOTIATING.value)


@dataclass(frozen=True, slots=True)
class DueItem:
    opportunity_id: int
    creator_id: int
    creator: str
    handle: str | None
    campaign_id: int
    campaign: str
    stage: str
    kind: str
    due_at: datetime
    follow_up_number: int | None
    overdue_days: int


def follow_up_rule(session: Session, *, campaign_id: int) -> FollowUpRule:
    """The campaign's rule, or the default: follow up 4 days after contact, 2 times at most."""
    setting = session.scalar(
        select(FollowUpSetting).where(FollowUpSetting.campaign_id == campaign_id)
    )
    if setting is None:
        return FollowUpRule()
    return FollowUpRule(setting.after_days, setting.max_follow_ups)


def set_follow_up_rule(
    session: Session, *, workspace_id: int, campaign_id: int, after_days: int, max_follow_ups: int
) -> FollowUpRule:
    get_campaign(session, workspace_id=workspace_id, campaign_id=campaign_id)
    rule = FollowUpRule(after_days, max_follow_ups)  # checks the numbers
    setting = session.scalar(
        select(FollowUpSetting).where(FollowUpSetting.campaign_id == campaign_id)
    )
    if setting is None:
        session.add(
            FollowUpSetting(
                campaign_id=campaign_id, after_days=after_days, max_follow_ups=max_follow_ups
            )
        )
    else:
        setting.after_days, setting.max_follow_ups = after_days, max_follow_ups
    session.flush()
    return rule


def _states(session: Session, opportunities: list[Opportunity]) -> dict[int, OpportunityState]:
    touches: dict[int, list[Touch]] = defaultdict(list)
    ids = [o.id for o in opportunities]
    if ids:
        for touch in session.scalars(
            select(Touch).where(Touch.opportunity_id.in_(ids)).order_by(Touch.at, Touch.id)
        ):
            touches[touch.opportunity_id or 0].append(touch)
    states = {}
    for opportunity in opportunities:
        last_out = last_in = None
        unanswered = 0
        for touch in touches[opportunity.id]:
            if touch.direction == Direction.IN.value:
                last_in, unanswered = touch.at, 0
            else:
                last_out = touch.at
                unanswered += 1 if touch.follow_up else 0
        if last_out is None and last_in is None and opportunity.stage == Stage.CONTACTED.value:
            # Moved to contacted by hand (a DM not logged): count from the move.
            last_out = opportunity.stage_changed_at
        states[opportunity.id] = OpportunityState(
            opportunity.id, Stage(opportunity.stage), last_out, last_in, unanswered
        )
    return states


def due_list(
    session: Session,
    *,
    workspace_id: int,
    now: datetime | None = None,
    campaign_id: int | None = None,
    upcoming_days: int = 0,
) -> list[DueItem]:
    """What to do by `now` (plus `upcoming_days`): answers owed first, then follow-ups, oldest first."""
    now = now or utcnow()
    horizon = now + timedelta(days=upcoming_days)
    query = (
        select(Opportunity, Creator, Campaign)
        .join(Creator, Creator.id == Opportunity.creator_id)
        .join(Campaign, Campaign.id == Opportunity.campaign_id)
        .where(Opportunity.workspace_id == workspace_id, Opportunity.stage.in_(_WAITING))
    )
    if campaign_id is not None:
        query = query.where(Opportunity.campaign_id == campaign_id)
    rows = session.execute(query).all()
    states = _states(session, [row[0] for row in rows])
    rules: dict[int, FollowUpRule] = {}
    items = []
    for opportunity, creator, campaign in rows:
        if campaign.id not in rules:
            rules[campaign.id] = follow_up_rule(session, campaign_id=campaign.id)
        action: NextAction | None = next_action(states[opportunity.id], rules[campaign.id])
        if action is None or action.due_at > horizon:
            continue
        items.append(
            DueItem(
                opportunity_id=opportunity.id,
                creator_id=creator.id,
                creator=creator.name,
                handle=creator.handle,
                campaign_id=campaign.id,
                campaign=campaign.name,
                stage=opportunity.stage,
                kind=action.kind.value,
                due_at=action.due_at,
                follow_up_number=action.follow_up_number,
                overdue_days=max(0, (now - action.due_at).days),
            )
        )
    return sorted(items, key=lambda i: (i.kind != DueKind.REPLY.value, i.due_at, i.opportunity_id))


def calendar_token(settings: Settings, *, workspace_id: int) -> str:
    """The private token of a workspace's feed: derived from the secret key, so changing
    the key revokes every feed address."""
    digest = hmac.new(
        session_secret(settings).encode(), f"outreach-ics:{workspace_id}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"{workspace_id}-{digest}"


def check_calendar_token(settings: Settings, token: str) -> int | None:
    """The workspace a feed token opens, or None."""
    prefix, _, _ = token.partition("-")
    if not prefix.isdigit() or len(prefix) > 18:
        return None
    expected = calendar_token(settings, workspace_id=int(prefix))
    return int(prefix) if hmac.compare_digest(expected, token) else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    # RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space.
    data = line.encode()
    if len(data) <= 75:
        return [line]
    parts, start = [], 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # never split a UTF-8 character
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return [parts[0], *(" " + p for p in parts[1:])]


def calendar_feed(
    session: Session, *, workspace_id: int, locale: str, now: datetime | None = None
) -> str:
    """An iCalendar feed (RFC 5545) of the next 30 days of due actions, one all-day event each."""
    now = now or utcnow()
    tr = Translator(locale)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Influent//Outreach due list//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape(tr.t("outreach.ics.name")),
    ]
    for item in due_list(session, workspace_id=workspace_id, now=now, upcoming_days=30):
        day = max(item.due_at, now).date()
        action = tr.t(f"outreach.due.{item.kind}", number=item.follow_up_number or 1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:opportunity-{item.opportunity_id}-{item.kind}-{item.follow_up_number or 0}@influent",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            "SUMMARY:" + _escape(f"{item.creator} · {action}"),
            "DESCRIPTION:" + _escape(f"{item.campaign}\n{tr.t('outreach.stage.' + item.stage)}"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
