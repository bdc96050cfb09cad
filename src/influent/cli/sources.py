"""`influent discover`, `enrich`, `track`, `worker` and `influent sources …`: the real platforms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from influent.cli.common import (
    WORKSPACE_HELP,
    app,
    console,
    errors,
    fail,
    print_json,
    progress_bars,
    workspace_session,
)
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.services import discovery, enrichment, imports
from influent.services.i18n import Translator

__all__ = ["cli", "discover", "enrich", "register", "track", "worker"]

_LOCALE = typer.Option(None, "--locale", help=LOCALE_HELP)

cli = typer.Typer(
    help="Source keys, one feed, and snapshots or posts from CSV files.", no_args_is_help=True
)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def discover(
    queries: list[str] = typer.Argument(
        ..., help="Keywords, a site address or @username; several searches run at once."
    ),
    source: list[str] = typer.Option(
        [",".join(discovery.DEFAULT_SOURCES)],
        "--source",
        "-s",
        help="Sources, comma-separated: youtube, podcasts, feeds, instagram.",
    ),
    limit: int = typer.Option(50, min=1, max=500, help="Results per query and source."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Find creators on the platforms, save them and rank them by relevance."""
    with (
        workspace_session(workspace) as (session, workspace_id),
        progress_bars(not json_) as bars,
        enrichment.source_settings.http_client(app().settings) as http,
    ):
        try:
            result = discovery.discover(
                session,
                workspace_id=workspace_id,
                queries=queries,
                sources=_split(source),
                limit=limit,
                http=http,
                progress=bars,
            )
        except discovery.DiscoveryError as error:
            fail(str(error), 2)
    if json_:
        print_json(result.to_dict())
        return
    table = Table("#", "Score", "Name", "Platform", "Handle", "Followers", "Email", "Found by")
    for rank, c in enumerate(result.candidates, start=1):
        table.add_row(
            str(rank),
            f"{c.score:.2f}",
            c.name + ("" if c.is_new else " [dim](known)[/]"),
            c.platform,
            c.handle,
            _count(c.followers),
            c.email or "",
            ", ".join(c.sources),
        )
    console.print(table)
    if result.related_keywords:
        words = ", ".join(f"{k} ({n})" for k, n in result.related_keywords)
        console.print(f"[bold]Related keywords:[/] {words}", highlight=False)
    for note in result.notes:
        console.print(f"[yellow]Note:[/] {note}", highlight=False)
    for problem in result.errors:
        errors.print(f"[red]Error:[/] {problem}", highlight=False)


def _days(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*d?\s*", text)
    if not match:
        fail(f"“{text}” is not a number of days (try 7d)", 2)
    return int(match.group(1))


def _report(tr: Translator, report: enrichment.refresh.EnrichmentReport, json_: bool) -> None:
    if json_:
        print_json(report.to_dict())
        return
    sampled = tr.t("cli.enrich.sampled", count=report.comments) if report.comments else ""
    said = tr.t(
        "cli.enrich.report",
        refreshed=report.refreshed,
        count=report.accounts,
        snapshots=report.snapshots,
        posts=report.posts,
        sampled=sampled,
    )
    console.print(said, markup=False, highlight=False)
    reasons: dict[str, int] = {}
    for _, _, reason in report.skipped:
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, n in reasons.items():
        skipped = tr.t("cli.enrich.skipped", count=n)
        console.print(Text.assemble((skipped, "yellow"), " ", reason), highlight=False)
    for _, label, message in report.errors:
        errors.print(f"[red]{label}:[/] {message}", highlight=False)


def enrich(
    refs: list[str] = typer.Argument(None, help="@handle, platform:handle, profile URL or #id."),
    all_: bool = typer.Option(False, "--all", help="Every account of the workspace."),
    stale: str | None = typer.Option(
        None, "--stale", help="Only accounts not refreshed for this long, e.g. 7d."
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Refresh numbers and recent posts from YouTube, Instagram, podcasts and blogs."""
    tr = translator(language)
    stale_days = _days(stale) if stale else None
    with (
        workspace_session(workspace) as (session, workspace_id),
        progress_bars(not json_) as bars,
        enrichment.source_settings.http_client(app().settings) as http,
    ):
        try:
            ids = (
                enrichment.refresh.resolve_accounts(session, workspace_id=workspace_id, refs=refs)
                if refs
                else None
            )
            report = enrichment.refresh.enrich(
                session,
                workspace_id=workspace_id,
                account_ids=ids,
                all_accounts=all_,
                stale_days=stale_days,
                http=http,
                progress=bars,
            )
        except enrichment.refresh.EnrichmentError as error:
            fail_with(tr, error.message, 2)
    _report(tr, report, json_)


def track(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Take today's snapshot of every tracked account (once a day; again is free)."""
    tr = translator(language)
    with (
        workspace_session(workspace) as (session, workspace_id),
        progress_bars(not json_) as bars,
        enrichment.source_settings.http_client(app().settings) as http,
    ):
        report = enrichment.tracking.track(
            session, workspace_id=workspace_id, http=http, progress=bars
        )
    _report(tr, report, json_)


def worker(
    workers: int = typer.Option(1, min=1, max=16, help="Tasks run at the same time."),
) -> None:
    """Run the schedule in this process: daily snapshots, weekly post refresh."""
    from influent.services import worker as worker_service

    influent = app()
    huey = worker_service.make_huey(influent.settings)
    worker_service.schedule(
        huey,
        influent,
        http_factory=lambda: enrichment.source_settings.http_client(influent.settings),
    )
    console.print(
        f"Worker started with the {type(huey).__name__} queue: daily snapshots at 03:15 UTC, "
        "posts refreshed on Mondays at 03:45 UTC. Stop with Ctrl+C."
    )
    worker_service.run_consumer(huey, workers=workers)


def register(parent: typer.Typer) -> None:
    """Add the top-level commands (discover, enrich, track, worker) to `parent`."""
    parent.command("discover")(discover)
    parent.command("enrich")(enrich)
    parent.command("track")(track)
    parent.command("worker")(worker)


@cli.command("feed")
def feed(
    url_or_path: str = typer.Argument(..., help="A feed or site address, or a feed file."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Read one feed and print the account and posts as Influent sees them."""
    try:
        with enrichment.source_settings.http_client(app().settings) as http:
            data = discovery.read_feed(url_or_path, http=http)
    except discovery.DiscoveryError as error:
        fail(str(error))
    if json_:
        print_json(data)
        return
    console.print(f"[bold]{data['name'] or data['handle']}[/] ({data['platform']})")
    for key in ("handle", "url", "feed_url", "language", "description"):
        if data.get(key):
            console.print(f"  {key}: {data[key]}", highlight=False)
    emails = data["contacts"]["emails"]
    if emails:
        console.print(f"  emails: {', '.join(emails)}", highlight=False)
    posts = Table("Published", "Kind", "Title")
    for post in data["posts"][:20]:
        posts.add_row(str(post["published_at"])[:10], str(post["kind"]), post["title"] or "")
    console.print(posts)
    console.print(f"{len(data['posts']):,} posts.")


@cli.command("set")
def set_(
    source: str = typer.Argument(..., help="youtube or instagram."),
    values: list[str] = typer.Argument(
        ..., help="name=value pairs: api_key=… (YouTube), access_token=… ig_user_id=…"
    ),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Save a source's key for the workspace; an empty value removes it."""
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            fail(f"“{value}” is not name=value", 2)
        pairs[name.strip()] = text
    with workspace_session(workspace) as (session, workspace_id):
        try:
            status = enrichment.source_settings.set_source(
                session,
                workspace_id=workspace_id,
                source=source,
                values=pairs,
                settings=app().settings,
            )
        except enrichment.source_settings.SourceSettingsError as error:
            fail(str(error), 2)
    shown = ", ".join(f"{k}={v}" for k, v in status.fields.items()) or "removed"
    console.print(f"{source}: {shown}", highlight=False)


@cli.command("list")
def list_(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show each source and its keys, masked."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        found = enrichment.source_settings.list_sources(
            session, workspace_id=workspace_id, settings=app().settings
        )
    if json_:
        print_json([{"source": s.source, "configured": s.configured, **s.fields} for s in found])
        return
    table = Table(
        tr.t("cli.sources.col.source"),
        tr.t("cli.sources.col.ready"),
        tr.t("cli.sources.col.keys"),
        tr.t("cli.sources.col.origin"),
    )
    origins = {
        "workspace": tr.t("cli.sources.origin.workspace"),
        "environment": tr.t("cli.sources.origin.environment"),
    }
    for s in found:
        keys = ", ".join(f"{k}={v}" for k, v in s.fields.items())
        origin = origins.get(s.origin, s.origin)
        table.add_row(tr.label("platform", s.source), tr.value(s.configured), keys, origin)
    console.print(table)


def _manual(kind: str, path: Path, json_: bool, tr: Translator, workspace: str | None) -> None:
    run = {
        "snapshots": imports.manual_sources.import_snapshots,
        "posts": imports.manual_sources.import_posts,
        "comments": imports.manual_sources.import_comments,
    }[kind]
    with workspace_session(workspace) as (session, workspace_id):
        try:
            report = run(session, workspace_id=workspace_id, path=path)
        except imports.manual_sources.UnreadableFile as error:
            fail_with(tr, error.message if error.message is not None else str(error), 2)
    if json_:
        data: dict[str, Any] = report.to_dict()
        print_json(data)
    elif report.ok:
        what = {
            "snapshots": tr.t("cli.sources.kind.snapshots"),
            "posts": tr.t("cli.sources.kind.posts"),
            "comments": tr.t("cli.sources.kind.comments"),
        }[kind]
        done = tr.t("cli.sources.imported", count=report.written, what=what, file=report.file)
        console.print(done, markup=False, highlight=False)
    else:
        for p in report.problems:
            line = tr.t(
                "cli.sources.problem",
                row=p.row,
                column=p.column,
                value=p.value,
                reason=tr.problem(p),
            )
            errors.print(line, markup=False, highlight=False)
    if not report.ok:
        fail_with(tr, tr.t("cli.sources.rejected", count=len(report.problems)))


@cli.command("import-snapshots")
def import_snapshots(
    path: Path = typer.Argument(..., help="CSV: platform, handle, date, followers, …"),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import numbers for platforms without an API (all rows or none)."""
    _manual("snapshots", path, json_, translator(language), workspace)


@cli.command("import-posts")
def import_posts(
    path: Path = typer.Argument(..., help="CSV: platform, handle, post id or URL, date, …"),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import posts and their counters for platforms without an API (all rows or none)."""
    _manual("posts", path, json_, translator(language), workspace)


@cli.command("import-comments")
def import_comments(
    path: Path = typer.Argument(..., help="CSV: platform, handle, post id or URL, comment, …"),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import sampled comments of known posts, for comment authenticity (all rows or none)."""
    _manual("comments", path, json_, translator(language), workspace)
