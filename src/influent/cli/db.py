"""`influent db`: the database schema."""

from __future__ import annotations

import typer

from influent.cli.common import app, console

cli = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)


@cli.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration (safe to run at any time)."""
    app().upgrade()
    console.print(f"Database is at revision [bold]{app().revision()}[/].")


@cli.command("status")
def status() -> None:
    """Show which database is used and its migration revision."""
    url = app().engine.url.render_as_string(hide_password=True)
    console.print(
        f"Database: {url}\nRevision: {app().revision() or 'none (run influent db upgrade)'}"
    )
