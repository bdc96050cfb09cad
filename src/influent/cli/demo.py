"""`influent demo`: a seeded, realistic demo workspace to explore the app with."""

from __future__ import annotations

import typer

from influent.cli.common import app, console, progress_bars
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.services import demo as service


def demo(
    reset: bool = typer.Option(
        False, "--reset", help="Delete the demo workspace and build it again."
    ),
    creators: int = typer.Option(300, min=1, help="How many creators to invent."),
    seed: int = typer.Option(42, help="Random seed: the same seed gives the same demo."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
) -> None:
    """Build the Maison Verte demo: creators with a year of daily stats, posts and logins."""
    tr = translator(language)
    influent = app()
    influent.upgrade()
    with progress_bars(True, tr) as progress, influent.session() as session:
        try:
            summary = service.build_demo(
                session, creators=creators, seed=seed, progress=progress, reset=reset
            )
        except service.DemoError as error:
            fail_with(tr, error.message)
    if not summary.created:
        said = tr.t("cli.demo.exists", name=service.DEMO_WORKSPACE, count=summary.creators)
    else:
        said = tr.t(
            "cli.demo.built",
            name=service.DEMO_WORKSPACE,
            count=summary.creators,
            accounts=tr.t("cli.demo.accounts", count=summary.accounts),
            snapshots=tr.t("cli.demo.snapshots", count=summary.snapshots),
            posts=tr.t("cli.demo.posts", count=summary.posts),
            tags=tr.t("cli.demo.tags", count=summary.tags),
            notes=tr.t("cli.demo.notes", count=summary.notes),
        )
    console.print(said, highlight=False, markup=False)
    settings = influent.settings
    console.print(
        tr.t("cli.demo.start", address=f"http://{settings.host}:{settings.port}"),
        highlight=False,
        markup=False,
    )
    logins = (
        tr.t("cli.demo.login.owner", email=summary.owner_email, password=summary.password),
        tr.t("cli.demo.login.viewer", email=summary.viewer_email, password=summary.password),
    )
    for line in logins:
        console.print(line, highlight=False, markup=False)
