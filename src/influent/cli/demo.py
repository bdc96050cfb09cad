"""`influent demo`: a seeded, realistic demo workspace to explore the app with."""

from __future__ import annotations

import typer

from influent.cli.common import app, console, fail, progress_bars
from influent.services import demo as service


def demo(
    reset: bool = typer.Option(
        False, "--reset", help="Delete the demo workspace and build it again."
    ),
    creators: int = typer.Option(300, min=1, help="How many creators to invent."),
    seed: int = typer.Option(42, help="Random seed: the same seed gives the same demo."),
) -> None:
    """Build the Maison Verte demo: creators with a year of daily stats, posts and logins."""
    influent = app()
    influent.upgrade()
    with progress_bars() as progress, influent.session() as session:
        try:
            summary = service.build_demo(
                session, creators=creators, seed=seed, progress=progress, reset=reset
            )
        except service.DemoError as error:
            fail(str(error))
    if not summary.created:
        console.print(
            f"The {service.DEMO_WORKSPACE} demo already exists ({summary.creators} creators); "
            "nothing changed. Use --reset to build it again."
        )
    else:
        console.print(
            f"Built the {service.DEMO_WORKSPACE} demo: {summary.creators} creators, "
            f"{summary.accounts} accounts, {summary.snapshots:,} daily snapshots, "
            f"{summary.posts:,} posts, {summary.tags} tags, {summary.notes} notes."
        )
    settings = influent.settings
    console.print(
        f"Start the app with [bold]influent serve[/] and open http://{settings.host}:{settings.port}\n"
        f"  owner:  {summary.owner_email} / {summary.password}\n"
        f"  viewer: {summary.viewer_email} / {summary.password}",
        highlight=False,
    )
