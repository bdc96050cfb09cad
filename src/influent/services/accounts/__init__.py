"""Accounts wing: users, their roles in workspaces, passwords, API tokens, and workspaces.

`users` signs people in and hands out the `Actor` a request or command acts as; `workspaces`
keeps the brands whose creators, links and money Influent holds.
"""

from influent.services.accounts import users, workspaces
from influent.services.accounts.users import Actor, actor_for_token, actor_for_user
from influent.services.accounts.workspaces import default_workspace

__all__ = [
    "Actor",
    "actor_for_token",
    "actor_for_user",
    "default_workspace",
    "users",
    "workspaces",
]
