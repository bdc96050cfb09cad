"""Workspace roles and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    MEMBER = "member"
    VIEWER = "viewer"

    @property
    def can_edit(self) -> bool:
        """Owners and members change data; viewers only read."""
        return self is not Role.VIEWER

    @property
    def can_manage(self) -> bool:
        """Only owners manage users and workspace settings."""
        return self is Role.OWNER
