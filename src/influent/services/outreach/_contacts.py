"""Contact points, agents, and the hints the sources found, waiting for a click to confirm."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.contacts import extract_contacts
from influent.domain.touches import Channel, ContactKind
from influent.domain.values import ValueProblem, parse_email
from influent.services.outreach._pipeline import OutreachError
from influent.store.models import Account, Creator
from influent.store.outreach_models import Agent, AgentCreator, ContactPoint

__all__ = [
    "AgentHint",
    "AgentView",
    "ContactView",
    "add_contact_point",
    "agent_hints",
    "assign_agent",
    "collect_hints",
    "confirm_contact_point",
    "contact_points",
    "create_agent",
    "creator_agents",
    "dm_url",
    "recipient_for",
]

_DM_PLATFORMS = {Channel.INSTAGRAM_DM: "instagram", Channel.TIKTOK_DM: "tiktok"}
_PROFILE = {
    "instagram": "https://www.instagram.com/{handle}/",
    "tiktok": "https://www.tiktok.com/@{handle}",
}


@dataclass(frozen=True, slots=True)
class ContactView:
    id: int
    kind: str
    value: str
    confirmed: bool
    source: str


@dataclass(frozen=True, slots=True)
class AgentView:
    id: int
    name: str
    agency: str | None
    email: str | None
    phone: str | None


def _creator(session: Session, workspace_id: int, creator_id: int) -> Creator:
    creator = session.get(Creator, creator_id)
    if creator is None or creator.workspace_id != workspace_id:
        raise OutreachError("outreach.error.creator_not_found", ref=f"#{creator_id}")
    return creator


def _clean(kind: ContactKind, value: str) -> str:
    value = value.strip()
    if not value:
        raise OutreachError("outreach.error.contact_empty")
    if kind is ContactKind.EMAIL:
        try:
            return parse_email(value) or ""
        except ValueProblem:
            raise OutreachError("outreach.error.contact_email", value=value) from None
    return value.lstrip("@") if kind in (ContactKind.INSTAGRAM_DM, ContactKind.TIKTOK_DM) else value


def add_contact_point(
    session: Session,
    *,
    workspace_id: int,
    creator_id: int,
    kind: ContactKind,
    value: str,
    confirmed: bool = True,
    source: str = "manual",
) -> ContactPoint:
    """A way to reach the creator; the same kind and value twice is one point."""
    _creator(session, workspace_id, creator_id)
    value = _clean(kind, value)
    existing = session.scalar(
        select(ContactPoint).where(
            ContactPoint.creator_id == creator_id,
            ContactPoint.kind == kind.value,
            ContactPoint.value == value,
        )
    )
    if existing is not None:
        existing.confirmed = existing.confirmed or confirmed
        return existing
    point = ContactPoint(
        workspace_id=workspace_id,
        creator_id=creator_id,
        kind=kind.value,
        value=value,
        confirmed=confirmed,
        source=source,
    )
    session.add(point)
    session.flush()
    return point


def collect_hints(session: Session, *, workspace_id: int, creator_id: int) -> list[ContactPoint]:
    """Emails the sources left on the creator (email, notes, agent line), as unconfirmed points."""
    creator = _creator(session, workspace_id, creator_id)
    hints = extract_contacts(creator.email, creator.notes, creator.agent)
    added = []
    for email in hints.emails:
        try:
            point = add_contact_point(
                session,
                workspace_id=workspace_id,
                creator_id=creator_id,
                kind=ContactKind.EMAIL,
                value=email,
                confirmed=False,
                source="hint",
            )
        except OutreachError:
            continue
        added.append(point)
    return added


def confirm_contact_point(session: Session, *, workspace_id: int, point_id: int) -> ContactPoint:
    point = session.get(ContactPoint, point_id)
    if point is None or point.workspace_id != workspace_id:
        raise OutreachError("outreach.error.contact_not_found", ref=f"#{point_id}")
    point.confirmed = True
    return point


def contact_points(session: Session, *, workspace_id: int, creator_id: int) -> list[ContactView]:
    _creator(session, workspace_id, creator_id)
    return [
        ContactView(p.id, p.kind, p.value, p.confirmed, p.source)
        for p in session.scalars(
            select(ContactPoint)
            .where(ContactPoint.creator_id == creator_id)
            .order_by(ContactPoint.confirmed.desc(), ContactPoint.id)
        )
    ]


def create_agent(
    session: Session,
    *,
    workspace_id: int,
    name: str,
    agency: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> Agent:
    if not name.strip():
        raise OutreachError("outreach.error.agent_name")
    clean_email = _clean(ContactKind.EMAIL, email) if email and email.strip() else None
    agent = Agent(
        workspace_id=workspace_id,
        name=name.strip(),
        agency=(agency or "").strip() or None,
        email=clean_email,
        phone=(phone or "").strip() or None,
    )
    session.add(agent)
    session.flush()
    return agent


def assign_agent(session: Session, *, workspace_id: int, agent_id: int, creator_id: int) -> None:
    """The agent represents this creator too (an agent may represent many)."""
    _creator(session, workspace_id, creator_id)
    agent = session.get(Agent, agent_id)
    if agent is None or agent.workspace_id != workspace_id:
        raise OutreachError("outreach.error.agent_not_found", ref=f"#{agent_id}")
    if session.get(AgentCreator, (agent_id, creator_id)) is None:
        session.add(AgentCreator(agent_id=agent_id, creator_id=creator_id))
        session.flush()


def creator_agents(session: Session, *, workspace_id: int, creator_id: int) -> list[AgentView]:
    _creator(session, workspace_id, creator_id)
    return [
        AgentView(a.id, a.name, a.agency, a.email, a.phone)
        for a in session.scalars(
            select(Agent)
            .join(AgentCreator, AgentCreator.agent_id == Agent.id)
            .where(AgentCreator.creator_id == creator_id)
            .order_by(Agent.id)
        )
    ]


def _account_handle(session: Session, creator_id: int, platform: str) -> Account | None:
    return session.scalar(
        select(Account)
        .where(Account.creator_id == creator_id, Account.platform == platform)
        .order_by(Account.followers.desc().nulls_last(), Account.id)
        .limit(1)
    )


def _confirmed(session: Session, creator_id: int, kind: ContactKind) -> str | None:
    return session.scalar(
        select(ContactPoint.value)
        .where(
            ContactPoint.creator_id == creator_id,
            ContactPoint.kind == kind.value,
            ContactPoint.confirmed.is_(True),
        )
        .order_by(ContactPoint.id)
        .limit(1)
    )


def recipient_for(
    session: Session, *, workspace_id: int, creator_id: int, channel: Channel
) -> str | None:
    """Where a touch on `channel` goes; OutreachError when the creator has no way in there."""
    creator = _creator(session, workspace_id, creator_id)
    found: str | None = None
    if channel is Channel.EMAIL:
        found = _confirmed(session, creator_id, ContactKind.EMAIL)
    elif channel is Channel.AGENT_EMAIL:
        emails = [
            a.email
            for a in creator_agents(session, workspace_id=workspace_id, creator_id=creator_id)
            if a.email
        ]
        found = emails[0] if emails else None
    elif channel in _DM_PLATFORMS:
        kind = ContactKind(channel.value)
        account = _account_handle(session, creator_id, _DM_PLATFORMS[channel])
        found = _confirmed(session, creator_id, kind) or (account.handle if account else None)
    elif channel is Channel.PHONE:
        phones = [
            a.phone
            for a in creator_agents(session, workspace_id=workspace_id, creator_id=creator_id)
            if a.phone
        ]
        found = _confirmed(session, creator_id, ContactKind.PHONE) or (
            phones[0] if phones else None
        )
    else:
        return None
    if not found:
        raise OutreachError(
            "outreach.error.no_contact_point", creator=creator.name, channel=channel.value
        )
    return found


def dm_url(session: Session, *, workspace_id: int, creator_id: int, channel: Channel) -> str:
    """The profile to open to write a DM by hand on the platform."""
    handle = recipient_for(
        session, workspace_id=workspace_id, creator_id=creator_id, channel=channel
    )
    platform = _DM_PLATFORMS.get(channel)
    if platform is None or handle is None:
        raise OutreachError("outreach.error.not_a_dm", channel=channel.value)
    account = _account_handle(session, creator_id, platform)
    if account is not None and account.url and account.handle == handle:
        return account.url
    return _PROFILE[platform].format(handle=handle)


@dataclass(frozen=True, slots=True)
class AgentHint:
    """A "management / booking" line the sources found, as an agent to create in one click."""

    line: str
    name: str
    email: str | None


def agent_hints(session: Session, *, workspace_id: int, creator_id: int) -> list[AgentHint]:
    """Business-contact lines on the creator not yet matching one of their agents."""
    creator = _creator(session, workspace_id, creator_id)
    known = {
        value.lower()
        for a in creator_agents(session, workspace_id=workspace_id, creator_id=creator_id)
        for value in (a.name, a.agency or "", a.email or "")
        if value
    }
    found = []
    for line in extract_contacts(creator.notes, creator.agent).agent_lines:
        emails = extract_contacts(line).emails
        # "Management: Agence Lumière, lea@…" names the agency after the colon.
        label = line.split(":", 1)[-1].split(",")[0].strip(" -–—") or line
        label = label if "@" not in label else (emails[0].split("@")[1] if emails else line)
        if label.lower() in known or (emails and emails[0] in known):
            continue
        found.append(AgentHint(line=line, name=label[:200], email=emails[0] if emails else None))
    return found
