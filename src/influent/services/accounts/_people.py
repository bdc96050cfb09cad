"""Passwords, deactivation and API tokens: what ends a person's access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.roles import Role
from influent.services.accounts import users
from influent.services.accounts._sessions import end_all_sessions
from influent.store.models import ApiToken, Membership, User

__all__ = [
    "AccountError",
    "TokenInfo",
    "change_password",
    "deactivate_user",
    "find_user",
    "list_tokens",
    "reactivate_user",
    "revoke_token",
    "set_password",
]

MIN_PASSWORD = 8


class AccountError(MessageError):
    """A request about an account that cannot be honoured."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    email: str
    name: str
    created_at: datetime
    last_used_at: datetime | None


def find_user(session: Session, email: str, *, workspace_id: int | None = None) -> User:
    """The user with this email (in `workspace_id` when given), or AccountError."""
    query = select(User).where(User.email == email.strip().lower())
    if workspace_id is not None:
        query = query.join(Membership, Membership.user_id == User.id).where(
            Membership.workspace_id == workspace_id
        )
    user = session.scalar(query)
    if user is None:
        raise AccountError("accounts.error.no_user", email=email)
    return user


def _check_new(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("accounts.error.short_password", minimum=MIN_PASSWORD)


def set_password(session: Session, *, user_id: int, password: str) -> int:
    """Give the user a new password and end all their sessions; returns the sessions ended."""
    _check_new(password)
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("accounts.error.no_user", email=str(user_id))
    user.password_hash = users._hasher.hash(password)
    return end_all_sessions(session, user_id=user_id)


def change_password(session: Session, *, user_id: int, current: str, new: str) -> int:
    """The user's own change: the current password must be right. Ends every session."""
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("accounts.error.no_user", email=str(user_id))
    try:
        users._hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise AccountError("accounts.error.wrong_password") from None
    return set_password(session, user_id=user_id, password=new)


def _owners_left(session: Session, user_id: int) -> bool:
    """Whether every workspace this user owns keeps another active owner."""
    owned = session.scalars(
        select(Membership.workspace_id).where(
            Membership.user_id == user_id, Membership.role == Role.OWNER.value
        )
    ).all()
    for workspace_id in owned:
        others = session.scalar(
            select(User.id)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.workspace_id == workspace_id,
                Membership.role == Role.OWNER.value,
                User.id != user_id,
                User.is_active.is_(True),
            )
            .limit(1)
        )
        if others is None:
            return False
    return True


def deactivate_user(session: Session, *, user_id: int, by_user_id: int | None = None) -> int:
    """Refuse every login, session and API token of the user; returns the sessions ended."""
    if by_user_id is not None and by_user_id == user_id:
        raise AccountError("accounts.error.deactivate_self")
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("accounts.error.no_user", email=str(user_id))
    if not _owners_left(session, user_id):
        raise AccountError("accounts.error.last_owner", email=user.email)
    user.is_active = False
    return end_all_sessions(session, user_id=user_id)


def reactivate_user(session: Session, *, user_id: int) -> None:
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("accounts.error.no_user", email=str(user_id))
    user.is_active = True


def list_tokens(
    session: Session, *, workspace_id: int, user_id: int | None = None
) -> list[TokenInfo]:
    """The API tokens of the workspace's users (of one user when given), newest first."""
    query = (
        select(ApiToken, User.email)
        .join(User, User.id == ApiToken.user_id)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id)
        .order_by(ApiToken.id.desc())
    )
    if user_id is not None:
        query = query.where(ApiToken.user_id == user_id)
    return [
        TokenInfo(t.id, email, t.name, t.created_at, t.last_used_at)
        for t, email in session.execute(query)
    ]


def revoke_token(
    session: Session, *, token_id: int, workspace_id: int, user_id: int | None = None
) -> TokenInfo:
    """Delete the token (of one user when `user_id` is given): the API refuses it at once."""
    found = [
        t
        for t in list_tokens(session, workspace_id=workspace_id, user_id=user_id)
        if t.id == token_id
    ]
    if not found:
        raise AccountError("accounts.error.no_token", token=token_id)
    token = session.get(ApiToken, token_id)
    if token is not None:
        session.delete(token)
        session.flush()
    return found[0]
