"""Login sessions on the server: started at login, ended by logout, password change or owner."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from influent.domain.roles import Role
from influent.services.accounts.users import Actor
from influent.store.models import Membership, User, utcnow
from influent.store.session_models import UserSession

__all__ = [
    "actor_for_session",
    "actor_in_workspace",
    "end_all_sessions",
    "end_session",
    "start_session",
    "switch_workspace",
]

# Recorded to the minute: a write on every page would cost more than the page.
_SEEN_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    session: Session,
    *,
    user_id: int,
    max_age: int,
    address: str | None = None,
    workspace_id: int | None = None,
    now: datetime | None = None,
) -> str:
    """A new session for `user_id`; returns the token the cookie carries (only its digest is kept)."""
    moment = now or utcnow()
    # Expired rows of this user go now, so the table does not grow with every login.
    session.execute(
        delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at < moment)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            user_id=user_id,
            token_hash=_digest(token),
            workspace_id=workspace_id,
            address=(address or "")[:64] or None,
            created_at=moment,
            last_seen_at=moment,
            expires_at=moment + timedelta(seconds=max_age),
        )
    )
    session.flush()
    return token


def _row(session: Session, token: str) -> UserSession | None:
    return session.scalar(select(UserSession).where(UserSession.token_hash == _digest(token)))


def actor_in_workspace(session: Session, user_id: int, workspace_id: int | None) -> Actor | None:
    """The active user acting in `workspace_id` (their first workspace when None or not theirs)."""
    query = (
        select(User, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == user_id, User.is_active.is_(True))
    )
    rows = session.execute(query.order_by(Membership.id)).all()
    if not rows:
        return None
    user, membership = next(
        ((u, m) for u, m in rows if m.workspace_id == workspace_id), (rows[0][0], rows[0][1])
    )
    return Actor(
        user.id, user.email, user.name, membership.workspace_id, Role(membership.role), user.locale
    )


def actor_for_session(session: Session, token: str, *, now: datetime | None = None) -> Actor | None:
    """Who this session's cookie belongs to; None once it was ended, expired or deactivated."""
    row = _row(session, token)
    moment = now or utcnow()
    if row is None:
        return None
    if row.expires_at <= moment:
        session.delete(row)
        return None
    actor = actor_in_workspace(session, row.user_id, row.workspace_id)
    if actor is None:
        return None
    if moment - row.last_seen_at > _SEEN_EVERY:
        row.last_seen_at = moment
    return actor


def end_session(session: Session, token: str) -> None:
    """Logout: this browser's session stops working, wherever its cookie was copied to."""
    session.execute(delete(UserSession).where(UserSession.token_hash == _digest(token)))


def end_all_sessions(session: Session, *, user_id: int) -> int:
    """Log out everywhere; returns how many sessions were ended."""
    ended = session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    return int(getattr(ended, "rowcount", 0) or 0)


def switch_workspace(session: Session, token: str, *, workspace_id: int) -> Actor | None:
    """Point this session at another of the user's workspaces; None if it is not one of theirs."""
    row = _row(session, token)
    if row is None:
        return None
    actor = actor_in_workspace(session, row.user_id, workspace_id)
    if actor is None or actor.workspace_id != workspace_id:
        return None
    row.workspace_id = workspace_id
    return actor
