"""Several workspaces per install: creating them, listing them, and choosing which one to act on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.roles import Role
from influent.domain.slugs import slugify
from influent.services.accounts._people import find_user
from influent.services.accounts.workspaces import _slug, default_workspace
from influent.store.models import Membership, Workspace

__all__ = [
    "WorkspaceError",
    "WorkspaceInfo",
    "add_member",
    "create_workspace",
    "list_workspaces",
    "resolve_workspace",
    "user_workspaces",
]


class WorkspaceError(MessageError):
    """A workspace that cannot be created or found."""


@dataclass(frozen=True, slots=True)
class WorkspaceInfo:
    id: int
    name: str
    slug: str
    currency: str
    members: int
    role: Role | None = None  # the viewer's role, when listed for one user


def create_workspace(
    session: Session, *, name: str, currency: str = "EUR", owner_email: str | None = None
) -> WorkspaceInfo:
    """A new workspace; `owner_email` (an existing user) becomes its owner."""
    name = name.strip()
    if not name:
        raise WorkspaceError("workspaces.error.name_required")
    currency = currency.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise WorkspaceError("workspaces.error.currency", currency=currency)
    slug = slugify(name, fallback="workspace", max_length=100)
    if session.scalar(select(Workspace.id).where(Workspace.slug == slug)) is not None:
        raise WorkspaceError("workspaces.error.duplicate", slug=slug)
    owner = find_user(session, owner_email) if owner_email else None
    workspace = Workspace(name=name, slug=slug, currency=currency, link_domains=[])
    session.add(workspace)
    session.flush()
    if owner is not None:
        session.add(Membership(workspace_id=workspace.id, user_id=owner.id, role=Role.OWNER.value))
        session.flush()
    return WorkspaceInfo(workspace.id, name, slug, currency, 1 if owner else 0)


def _counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Membership.workspace_id, func.count()).group_by(Membership.workspace_id)
    )
    return {workspace_id: int(count) for workspace_id, count in rows}


def list_workspaces(session: Session) -> list[WorkspaceInfo]:
    """Every workspace of the install, oldest first."""
    counts = _counts(session)
    return [
        WorkspaceInfo(w.id, w.name, w.slug, w.currency, counts.get(w.id, 0))
        for w in session.scalars(select(Workspace).order_by(Workspace.id))
    ]


def user_workspaces(session: Session, *, user_id: int) -> list[WorkspaceInfo]:
    """The workspaces a user belongs to, with their role in each (the web switcher's list)."""
    counts = _counts(session)
    rows = session.execute(
        select(Workspace, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.id)
    )
    return [
        WorkspaceInfo(w.id, w.name, w.slug, w.currency, counts.get(w.id, 0), Role(role))
        for w, role in rows
    ]


def resolve_workspace(session: Session, ref: str | None) -> int:
    """The id of the workspace named by slug, name or id; the first one when `ref` is empty."""
    if not ref or not ref.strip():
        return default_workspace(session).id
    ref = ref.strip()
    candidates = {ref.lower(), _slug(ref), slugify(ref, fallback="", max_length=100)}
    query = select(Workspace.id).where(Workspace.slug.in_(candidates - {""}))
    found = session.scalar(query)
    if found is None and ref.isdigit() and len(ref) < 19:
        found = session.scalar(select(Workspace.id).where(Workspace.id == int(ref)))
    if found is None:
        known = ", ".join(w.slug for w in list_workspaces(session)) or "-"
        raise WorkspaceError("workspaces.error.not_found", ref=ref, known=known)
    return int(found)


def add_member(session: Session, *, workspace_id: int, email: str, role: Role) -> None:
    """Give an existing user a role in one more workspace (or change their role there)."""
    user = find_user(session, email)
    membership = session.scalar(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    )
    if membership is None:
        session.add(Membership(workspace_id=workspace_id, user_id=user.id, role=role.value))
    else:
        membership.role = role.value
    session.flush()
