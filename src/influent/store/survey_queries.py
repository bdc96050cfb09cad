"""Reads and writes of the customer survey: answers, the names in them, and leads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.store.brandfit_models import SurveyLead, SurveyMention, SurveyResponse
from influent.store.models import Account, Creator, Workspace

__all__ = [
    "add_mention",
    "add_response",
    "creator_mentions",
    "creator_names",
    "known_external_ids",
    "lead_rows",
    "upsert_lead",
    "workspace_by_slug",
    "workspace_slug",
]


def workspace_by_slug(session: Session, slug: str) -> tuple[int, str] | None:
    row = session.execute(
        select(Workspace.id, Workspace.name).where(Workspace.slug == slug)
    ).first()
    return (row[0], row[1]) if row else None


def workspace_slug(session: Session, workspace_id: int) -> str | None:
    return session.scalar(select(Workspace.slug).where(Workspace.id == workspace_id))


def creator_names(session: Session, workspace_id: int) -> dict[int, list[str]]:
    """Every name a creator goes by: its name, its handles and any nickname field."""
    names: dict[int, list[str]] = {}
    for cid, name, custom in session.execute(
        select(Creator.id, Creator.name, Creator.custom_fields).where(
            Creator.workspace_id == workspace_id
        )
    ):
        found = [name]
        for key, value in (custom or {}).items():
            if key.lower() in ("nickname", "nicknames", "surnom", "surnoms", "aka", "alias"):
                found += [v.strip() for v in str(value).split(",") if v.strip()]
        names[cid] = found
    for cid, handle in session.execute(
        select(Account.creator_id, Account.handle).where(Account.workspace_id == workspace_id)
    ):
        names.setdefault(cid, []).append(handle)
    return names


def known_external_ids(session: Session, workspace_id: int, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return set(
        session.scalars(
            select(SurveyResponse.external_id).where(
                SurveyResponse.workspace_id == workspace_id,
                SurveyResponse.external_id.in_(list(ids)),
            )
        )
    )


def add_response(
    session: Session,
    workspace_id: int,
    *,
    answer: str,
    channel: str,
    external_id: str | None,
    received_at: datetime,
) -> int:
    row = SurveyResponse(
        workspace_id=workspace_id,
        answer=answer,
        channel=channel,
        external_id=external_id,
        received_at=received_at,
    )
    session.add(row)
    session.flush()
    return row.id


def upsert_lead(
    session: Session, workspace_id: int, name: str, name_key: str, now: datetime
) -> int:
    """The lead of this name, created if new, its mention count raised by one."""
    lead = session.scalar(
        select(SurveyLead).where(
            SurveyLead.workspace_id == workspace_id, SurveyLead.name_key == name_key
        )
    )
    if lead is None:
        lead = SurveyLead(
            workspace_id=workspace_id, name=name, name_key=name_key, mentions=0, first_seen=now
        )
        session.add(lead)
    lead.mentions += 1
    session.flush()
    return lead.id


def lead_keys(session: Session, workspace_id: int) -> list[tuple[int, str]]:
    query = select(SurveyLead.id, SurveyLead.name_key).where(
        SurveyLead.workspace_id == workspace_id
    )
    return [(lead_id, key) for lead_id, key in session.execute(query)]


def bump_lead(session: Session, lead_id: int) -> None:
    lead = session.get(SurveyLead, lead_id)
    if lead is not None:
        lead.mentions += 1


def add_mention(
    session: Session,
    workspace_id: int,
    *,
    response_id: int,
    text: str,
    creator_id: int | None,
    lead_id: int | None,
    score: float | None,
) -> None:
    session.add(
        SurveyMention(
            workspace_id=workspace_id,
            response_id=response_id,
            text=text[:500],
            creator_id=creator_id,
            lead_id=lead_id,
            score=score,
        )
    )


def creator_mentions(session: Session, workspace_id: int) -> list[tuple[int, str, int]]:
    """(creator id, name, mentions) of the known creators customers named."""
    query = (
        select(Creator.id, Creator.name, func.count(SurveyMention.id))
        .join(SurveyMention, SurveyMention.creator_id == Creator.id)
        .where(SurveyMention.workspace_id == workspace_id)
        .group_by(Creator.id, Creator.name)
    )
    return [(cid, name, count) for cid, name, count in session.execute(query)]


def lead_rows(session: Session, workspace_id: int) -> list[tuple[int, str, int, datetime]]:
    query = select(
        SurveyLead.id, SurveyLead.name, SurveyLead.mentions, SurveyLead.first_seen
    ).where(SurveyLead.workspace_id == workspace_id)
    return [(lid, name, count, first) for lid, name, count, first in session.execute(query)]
