"""Users, their roles in a workspace, passwords (argon2) and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.roles import Role
from influent.store.models import ApiToken, Membership, User, utcnow

__all__ = [
    "Actor",
    "UserError",
    "actor_for_token",
    "actor_for_user",
    "authenticate",
    "create_token",
    "create_user",
    "list_users",
]

_hasher = PasswordHasher()


class UserError(MessageError):
    """A user request that cannot be honoured; carries a `Message`."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, in which workspace, with which role."""

    user_id: int
    email: str
    name: str
    workspace_id: int
    role: Role
    locale: str | None = None

    @property
    def can_edit(self) -> bool:
        return self.role.can_edit


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    workspace_id: int,
    role: Role = Role.MEMBER,
    name: str = "",
    locale: str | None = None,
) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise UserError("accounts.error.bad_email", email=email)
    if len(password) < 8:
        raise UserError("accounts.error.short_password", minimum=8)
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise UserError("accounts.error.email_taken", email=email)
    user = User(email=email, name=name, password_hash=_hasher.hash(password), locale=locale)
    session.add(user)
    session.flush()
    session.add(Membership(workspace_id=workspace_id, user_id=user.id, role=role.value))
    session.flush()
    return user


def list_users(session: Session, workspace_id: int) -> list[tuple[User, Role]]:
    rows = session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id)
        .order_by(User.email)
    )
    return [(u, Role(r)) for u, r in rows]


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        # Spend the same time as a real check so that timing does not reveal which emails exist.
        _hasher.hash(password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def actor_for_user(session: Session, user_id: int) -> Actor | None:
    row = session.execute(
        select(User, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == user_id, User.is_active.is_(True))
        .order_by(Membership.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    user, membership = row
    return Actor(
        user.id, user.email, user.name, membership.workspace_id, Role(membership.role), user.locale
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, *, user_id: int, name: str) -> str:
    """A new API token; only its digest is stored, so it is shown once."""
    token = "inf_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user_id, name=name, token_hash=_digest(token)))
    session.flush()
    return token


def actor_for_token(session: Session, token: str) -> Actor | None:
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if record is None:
        return None
    now = utcnow()
    # Recorded to the minute: a write on every API call would cost more than the call.
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=1):
        record.last_used_at = now
    return actor_for_user(session, record.user_id)


def set_locale(session: Session, *, user_id: int, locale: str | None) -> None:
    user = session.get(User, user_id)
    if user is not None:
        user.locale = locale
