"""Accounts wing: who may get in, for how long, and into which workspace.

It owns users and their roles (`users`), login sessions kept on the server (ended by logout, a
password change, a deactivation or "log out everywhere"), login throttling, passwords,
deactivation, API tokens and their revocation, workspaces (creating, listing, choosing), and
the keys an install keeps in its data directory (the session secret and the key that encrypts
source keys).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influent.services._lazy import lazy_wing

if TYPE_CHECKING:
    from influent.services.accounts import users, workspaces
    from influent.services.accounts._keys import DataKeyError, session_secret, source_box
    from influent.services.accounts._people import (
        AccountError,
        TokenInfo,
        change_password,
        deactivate_user,
        find_user,
        list_tokens,
        reactivate_user,
        revoke_token,
        set_password,
    )
    from influent.services.accounts._sessions import (
        actor_for_session,
        actor_in_workspace,
        end_all_sessions,
        end_session,
        start_session,
        switch_workspace,
    )
    from influent.services.accounts._throttle import LoginThrottle
    from influent.services.accounts._workspaces import (
        WorkspaceError,
        WorkspaceInfo,
        add_member,
        create_workspace,
        list_workspaces,
        resolve_workspace,
        user_workspaces,
    )
    from influent.services.accounts.users import Actor, actor_for_token, actor_for_user, list_users
    from influent.services.accounts.workspaces import default_workspace

__all__ = [
    "AccountError",
    "Actor",
    "DataKeyError",
    "LoginThrottle",
    "TokenInfo",
    "WorkspaceError",
    "WorkspaceInfo",
    "actor_for_session",
    "actor_for_token",
    "actor_for_user",
    "actor_in_workspace",
    "add_member",
    "change_password",
    "create_workspace",
    "deactivate_user",
    "default_workspace",
    "end_all_sessions",
    "end_session",
    "find_user",
    "list_tokens",
    "list_users",
    "list_workspaces",
    "reactivate_user",
    "resolve_workspace",
    "revoke_token",
    "session_secret",
    "set_password",
    "source_box",
    "start_session",
    "switch_workspace",
    "user_workspaces",
    "users",
    "workspaces",
]

lazy_wing(
    __name__,
    {
        "users": "influent.services.accounts.users:",
        "workspaces": "influent.services.accounts.workspaces:",
        "DataKeyError": "influent.services.accounts._keys",
        "session_secret": "influent.services.accounts._keys",
        "source_box": "influent.services.accounts._keys",
        "AccountError": "influent.services.accounts._people",
        "TokenInfo": "influent.services.accounts._people",
        "change_password": "influent.services.accounts._people",
        "deactivate_user": "influent.services.accounts._people",
        "find_user": "influent.services.accounts._people",
        "list_tokens": "influent.services.accounts._people",
        "reactivate_user": "influent.services.accounts._people",
        "revoke_token": "influent.services.accounts._people",
        "set_password": "influent.services.accounts._people",
        "actor_for_session": "influent.services.accounts._sessions",
        "actor_in_workspace": "influent.services.accounts._sessions",
        "end_all_sessions": "influent.services.accounts._sessions",
        "end_session": "influent.services.accounts._sessions",
        "start_session": "influent.services.accounts._sessions",
        "switch_workspace": "influent.services.accounts._sessions",
        "LoginThrottle": "influent.services.accounts._throttle",
        "WorkspaceError": "influent.services.accounts._workspaces",
        "WorkspaceInfo": "influent.services.accounts._workspaces",
        "add_member": "influent.services.accounts._workspaces",
        "create_workspace": "influent.services.accounts._workspaces",
        "list_workspaces": "influent.services.accounts._workspaces",
        "resolve_workspace": "influent.services.accounts._workspaces",
        "user_workspaces": "influent.services.accounts._workspaces",
        "Actor": "influent.services.accounts.users",
        "actor_for_token": "influent.services.accounts.users",
        "actor_for_user": "influent.services.accounts.users",
        "list_users": "influent.services.accounts.users",
        "default_workspace": "influent.services.accounts.workspaces",
    },
)
