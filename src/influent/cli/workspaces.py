"""`influent workspaces`: several brands on one install."""

from __future__ import annotations

import typer

from influent.cli.common import app, console, fail, print_json, workspace_session
from influent.domain.messages import MessageError
from influent.domain.roles import Role
from influent.services import accounts
from influent.services.i18n import Translator

cli = typer.Typer(help="Create and list workspaces (one per brand).", no_args_is_help=True)


@cli.command("create")
def create(
    name: str = typer.Argument(..., help="The brand's name; its slug is what --workspace takes."),
    currency: str = typer.Option("EUR", help="ISO currency of the workspace's money."),
    owner: str | None = typer.Option(None, help="Email of an existing user who becomes owner."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Create a workspace; add people with `influent users create --workspace SLUG`."""
    tr = Translator(app().settings.default_locale)
    with app().session() as session:
        try:
            created = accounts.create_workspace(
                session, name=name, currency=currency, owner_email=owner
            )
        except MessageError as error:
            fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    if json_:
        print_json({"id": created.id, "name": created.name, "slug": created.slug})
        return
    console.print(tr.t("workspaces.created", name=created.name, slug=created.slug), highlight=False)


@cli.command("list")
def list_(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the workspaces, with their slug, currency and number of people."""
    with app().session() as session:
        found = accounts.list_workspaces(session)
    if json_:
        print_json(
            [
                {
                    "id": w.id,
                    "name": w.name,
                    "slug": w.slug,
                    "currency": w.currency,
                    "members": w.members,
                }
                for w in found
            ]
        )
        return
    for w in found:
        console.print(f"{w.slug}\t{w.name}\t{w.currency}\t{w.members}", highlight=False)


@cli.command("add-member")
def add_member(
    workspace: str = typer.Argument(..., help="The workspace's slug or name."),
    email: str = typer.Argument(..., help="An existing user's email."),
    role: Role = typer.Option(Role.MEMBER, help="owner, member or viewer (read-only)."),
) -> None:
    """Give an existing user a role in this workspace too (the web app then offers a switcher)."""
    tr = Translator(app().settings.default_locale)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            accounts.add_member(session, workspace_id=workspace_id, email=email, role=role)
        except MessageError as error:
            fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    console.print(tr.t("workspaces.member_added", email=email, role=role.value), highlight=False)
