"""Accounts wing: users, their roles in workspaces, passwords, API tokens, and workspaces.

The faces use `users` (sign-in, tokens, the `Actor` a request acts as) and `workspaces`.
"""

from influent.services.accounts import users, workspaces

__all__ = ["users", "workspaces"]
