"""`influent users`: people who can log in, and API tokens."""

from __future__ import annotations

import typer

from influent.cli.common import console, fail, print_json, workspace_session
from influent.domain.roles import Role
from influent.services.accounts import users as service

cli = typer.Typer(help="Manage users, roles and API tokens.", no_args_is_help=True)


@cli.command("create")
def create(
    email: str = typer.Argument(..., help="Login email."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="At least 8 characters."
    ),
    role: Role = typer.Option(Role.MEMBER, help="owner, member or viewer (read-only)."),
    name: str = typer.Option("", help="Display name."),
    locale: str | None = typer.Option(None, help="UI language: en or fr (default: the browser's)."),
) -> None:
    """Create a user in the workspace (passwords are stored as argon2 hashes)."""
    with workspace_session() as (session, workspace_id):
        try:
            user = service.create_user(
                session,
                email=email,
                password=password,
                workspace_id=workspace_id,
                role=role,
                name=name,
                locale=locale,
            )
        except service.UserError as error:
            fail(str(error))
        console.print(f"Created {user.email} ({role.value}).")


@cli.command("list")
def list_(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the workspace's users and their roles."""
    with workspace_session() as (session, workspace_id):
        rows = service.list_users(session, workspace_id)
        if json_:
            print_json([{"email": u.email, "name": u.name, "role": r.value} for u, r in rows])
            return
        for user, role in rows:
            console.print(f"{user.email}\t{role.value}\t{user.name}")


@cli.command("token")
def token(
    email: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option("cli", help="A label to recognise the token by."),
) -> None:
    """Create an API token for /api/v1 (shown once; send it as 'Authorization: Bearer …')."""
    with workspace_session() as (session, workspace_id):
        found = [
            u for u, _ in service.list_users(session, workspace_id) if u.email == email.lower()
        ]
        if not found:
            fail(f"no user {email} in this workspace")
        print(service.create_token(session, user_id=found[0].id, name=name))
