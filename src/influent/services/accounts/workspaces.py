"""Workspaces: the brand whose creators, links and money Influent keeps."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.store.models import Workspace

__all__ = ["default_workspace", "ensure_workspace"]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "workspace"


def ensure_workspace(
    session: Session, *, name: str, currency: str = "EUR", link_domains: list[str] | None = None
) -> Workspace:
    """The workspace called `name`, created if it does not exist yet."""
    slug = _slug(name)
    workspace = session.scalar(select(Workspace).where(Workspace.slug == slug))
    if workspace is None:
        workspace = Workspace(
            name=name, slug=slug, currency=currency.upper(), link_domains=link_domains or []
        )
        session.add(workspace)
        session.flush()
    return workspace


def default_workspace(session: Session) -> Workspace:
    """The first workspace, created on first use so a fresh install just works."""
    workspace = session.scalar(select(Workspace).order_by(Workspace.id).limit(1))
    return workspace or ensure_workspace(session, name="My brand")
