"""`influent users`: people who can log in, their passwords, sessions and API tokens."""

from __future__ import annotations

from typing import NoReturn

import typer

from influent.cli.common import WORKSPACE_HELP, app, console, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.domain.messages import MessageError
from influent.domain.roles import Role
from influent.services import accounts
from influent.services.i18n import Translator

cli = typer.Typer(
    help="Manage users, roles, passwords, sessions and API tokens.", no_args_is_help=True
)
token_cli = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)
cli.add_typer(token_cli, name="token")

_LOCALE = typer.Option(None, "--locale", help=LOCALE_HELP)


def _refuse(tr: Translator, error: MessageError) -> NoReturn:
    fail_with(tr, error.message, 2)


@cli.command("create")
def create(
    email: str = typer.Argument(..., help="Login email."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="At least 8 characters."
    ),
    role: Role = typer.Option(Role.MEMBER, help="owner, member or viewer (read-only)."),
    name: str = typer.Option("", help="Display name."),
    locale: Language | None = typer.Option(
        None,
        "--locale",
        help="The user's language, en or fr (default: the browser's); also the output's.",
    ),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Create a user in the workspace (passwords are stored as argon2 hashes)."""
    tr = translator(locale)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            user = accounts.users.create_user(
                session,
                email=email,
                password=password,
                workspace_id=workspace_id,
                role=role,
                name=name,
                locale=locale.value if locale else None,
            )
        except accounts.users.UserError as error:
            fail_with(tr, error.message)
        said = tr.t("accounts.cli.created", email=user.email, role=tr.label("role", role.value))
        console.print(said, highlight=False, markup=False)


@cli.command("list")
def list_(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the workspace's users, their roles and whether they may log in."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        rows = accounts.users.list_users(session, workspace_id)
        if json_:
            print_json(
                [
                    {"email": u.email, "name": u.name, "role": r.value, "active": u.is_active}
                    for u, r in rows
                ]
            )
            return
        for user, role in rows:
            state = "" if user.is_active else "\t" + tr.t("accounts.cli.deactivated")
            line = f"{user.email}\t{tr.label('role', role.value)}\t{user.name}{state}"
            console.print(line, highlight=False, markup=False)


@cli.command("passwd")
def passwd(
    email: str = typer.Argument(..., help="The user whose password changes."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="At least 8 characters."
    ),
    language: Language | None = _LOCALE,
) -> None:
    """Set a user's password; every session of theirs ends at once."""
    tr = translator(language)
    with app().session() as session:
        try:
            user = accounts.find_user(session, email)
            ended = accounts.set_password(session, user_id=user.id, password=password)
        except MessageError as error:
            _refuse(tr, error)
    console.print(tr.t("accounts.cli.password_set", email=user.email, sessions=ended))


@cli.command("deactivate")
def deactivate(
    email: str = typer.Argument(..., help="The user who may no longer log in."),
    language: Language | None = _LOCALE,
) -> None:
    """Deactivate a user: logins, sessions and API tokens are refused at once."""
    tr = translator(language)
    with app().session() as session:
        try:
            user = accounts.find_user(session, email)
            accounts.deactivate_user(session, user_id=user.id)
        except MessageError as error:
            _refuse(tr, error)
    console.print(tr.t("accounts.users.deactivated", email=user.email))


@cli.command("reactivate")
def reactivate(
    email: str = typer.Argument(..., help="The user who may log in again."),
    language: Language | None = _LOCALE,
) -> None:
    """Let a deactivated user log in again (with their password; old sessions stay ended)."""
    tr = translator(language)
    with app().session() as session:
        try:
            user = accounts.find_user(session, email)
            accounts.reactivate_user(session, user_id=user.id)
        except MessageError as error:
            _refuse(tr, error)
    console.print(tr.t("accounts.users.reactivated", email=user.email))


@cli.command("logout")
def logout(
    email: str = typer.Argument(..., help="The user to log out of every browser."),
    language: Language | None = _LOCALE,
) -> None:
    """Log a user out everywhere: every browser session of theirs ends at once."""
    tr = translator(language)
    with app().session() as session:
        try:
            user = accounts.find_user(session, email)
        except MessageError as error:
            _refuse(tr, error)
        ended = accounts.end_all_sessions(session, user_id=user.id)
    console.print(tr.t("accounts.cli.logged_out", email=user.email, sessions=ended))


@token_cli.command("create")
def token_create(
    email: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option("cli", help="A label to recognise the token by."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Create an API token for /api/v1 (shown once; send it as 'Authorization: Bearer …')."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        found = [
            u
            for u, _ in accounts.users.list_users(session, workspace_id)
            if u.email == email.lower()
        ]
        if not found:
            fail_with(tr, tr.t("accounts.cli.no_user", email=email), 2)
        print(accounts.users.create_token(session, user_id=found[0].id, name=name))


@token_cli.command("list")
def token_list(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the API tokens of the workspace's users (never the tokens themselves)."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        tokens = accounts.list_tokens(session, workspace_id=workspace_id)
    if json_:
        print_json(
            [
                {
                    "id": t.id,
                    "email": t.email,
                    "name": t.name,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                }
                for t in tokens
            ]
        )
        return
    for t in tokens:
        used = tr.datetime(t.last_used_at) if t.last_used_at else tr.t("accounts.cli.never_used")
        console.print(f"#{t.id}\t{t.email}\t{t.name}\t{used}", highlight=False)


@token_cli.command("revoke")
def token_revoke(
    token_id: int = typer.Argument(..., min=1, max=2**62, help="The token's number (token list)."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
    language: Language | None = _LOCALE,
) -> None:
    """Revoke an API token: the API refuses it from the next request on."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            token = accounts.revoke_token(session, token_id=token_id, workspace_id=workspace_id)
        except MessageError as error:
            _refuse(tr, error)
    console.print(tr.t("accounts.tokens.revoked", token=token.id, name=token.name))
