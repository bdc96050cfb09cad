"""`influent db`: the database schema."""

from __future__ import annotations

import typer

from influent.cli.common import app, console
from influent.cli.speech import LOCALE_HELP, Language, translator

cli = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)

_LOCALE = typer.Option(None, "--locale", help=LOCALE_HELP)


@cli.command("upgrade")
def upgrade(language: Language | None = _LOCALE) -> None:
    """Apply every pending migration (safe to run at any time)."""
    tr = translator(language)
    app().upgrade()
    console.print(tr.t("cli.db.upgraded", revision=app().revision() or ""), highlight=False)


@cli.command("status")
def status(language: Language | None = _LOCALE) -> None:
    """Show which database is used and its migration revision."""
    tr = translator(language)
    url = app().engine.url.render_as_string(hide_password=True)
    revision = app().revision() or tr.t("cli.db.no_revision")
    console.print(tr.t("cli.db.status", url=url, revision=revision), highlight=False, markup=False)
