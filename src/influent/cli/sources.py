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
    print_json,
    progress_bars,
    workspace_session,
)
from influent.cli.handles import confirm_handle, say_resolution
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
    language: Language | None = _LOCALE,
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Find creators on the platforms, save them and rank them by relevance."""
    tr = translator(language)
    with (
        workspace_session(workspace) as (session, workspace_id),
        progress_bars(not json_, tr) as bars,
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
            fail_with(tr, error.message, 2)
    if json_:
        print_json(result.to_dict(tr))
        return
    table = Table(
        "#",
        tr.t("cli.discover.col.score"),
        tr.t("cli.discover.col.name"),
        tr.t("cli.discover.col.platform"),
        tr.t("cli.discover.col.handle"),
        tr.t("cli.discover.col.followers"),
        tr.t("cli.discover.col.email"),
        tr.t("cli.discover.col.found_by"),
    )
    known = tr.t("cli.discover.known")
    for rank, c in enumerate(result.candidates, start=1):
        table.add_row(
            tr.num(rank),
            tr.num(c.score, 2),
            Text.assemble(c.name, ("" if c.is_new else f" ({known})", "dim")),
            tr.label("platform", c.platform),
            c.handle,
            "" if c.followers is None else tr.num(c.followers),
            c.email or "",
            ", ".join(tr.label("source", s) for s in c.sources),
        )
    console.print(table)
    if result.related_keywords:
        words = ", ".join(f"{k} ({tr.num(n)})" for k, n in result.related_keywords)
        console.print(
            Text.assemble((tr.t("cli.discover.related"), "bold"), " ", words), highlight=False
        )
    for note in result.to_dict(tr)["notes"]:
        console.print(
            Text.assemble((tr.t("cli.discover.note"), "yellow"), " ", note),
            highlight=False,
        )
    for problem in result.errors:
        errors.print(
            Text.assemble((tr.t("cli.error"), "red"), " ", tr.say(problem)), highlight=False
        )


def _days(text: str, tr: Translator) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*d?\s*", text)
    if not match:
        fail_with(tr, tr.t("cli.enrich.bad_days", text=text), 2)
    return int(match.group(1))


def _report(tr: Translator, report: enrichment.refresh.EnrichmentReport, json_: bool) -> None:
    if json_:
        print_json(report.to_dict(tr))
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
        said = tr.say(reason)
        reasons[said] = reasons.get(said, 0) + 1
    for reason_text, n in reasons.items():
        skipped = tr.t("cli.enrich.skipped", count=n)
        console.print(Text.assemble((skipped, "yellow"), " ", reason_text), highlight=False)
    for _, label, message in report.errors:
        line = tr.t("cli.enrich.error", account=label, reason=tr.say(message))
        errors.print(Text(line, "red"), highlight=False)
    for resolution in report.resolutions:
        say_resolution(tr, resolution)


def enrich(
    refs: list[str] = typer.Argument(None, help="@handle, platform:handle, profile URL or #id."),
    all_: bool = typer.Option(False, "--all", help="Every account of the workspace."),
    stale: str | None = typer.Option(
        None, "--stale", help="Only accounts not refreshed for this long, e.g. 7d."
    ),
    confirm: str | None = typer.Option(
        None,
        "--confirm",
        help="Attach this channel id to the creator named, whose handle is to confirm.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Refresh numbers and recent posts from YouTube, Instagram, podcasts and blogs.

    Accounts whose handle is to confirm (imported from a list of names) are looked up first
    by searching the creator's name: a channel with the same name and an audience within
    10% of the stated one is attached, otherwise the candidates are listed for --confirm.
    """
    tr = translator(language)
    stale_days = _days(stale, tr) if stale else None
    if confirm is not None:
        confirm_handle(tr, refs, confirm, json_, workspace)
        return
    with (
        workspace_session(workspace) as (session, workspace_id),
        progress_bars(not json_, tr) as bars,
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
        progress_bars(not json_, tr) as bars,
        enrichment.source_settings.http_client(app().settings) as http,
    ):
        report = enrichment.tracking.track(
            session, workspace_id=workspace_id, http=http, progress=bars
        )
    _report(tr, report, json_)


def worker(
    workers: int = typer.Option(1, min=1, max=16, help="Tasks run at the same time."),
    language: Language | None = _LOCALE,
) -> None:
    """Run the schedule in this process: daily snapshots, weekly post refresh."""
    tr = translator(language)
    from influent.services import worker as worker_service

    influent = app()
    huey = worker_service.make_huey(influent.settings)
    worker_service.schedule(
        huey,
        influent,
        http_factory=lambda: enrichment.source_settings.http_client(influent.settings),
    )
    console.print(tr.t("cli.worker.started", queue=type(huey).__name__), highlight=False)
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
    language: Language | None = _LOCALE,
) -> None:
    """Read one feed and print the account and posts as Influent sees them."""
    tr = translator(language)
    try:
        with enrichment.source_settings.http_client(app().settings) as http:
            data = discovery.read_feed(url_or_path, http=http)
    except discovery.DiscoveryError as error:
        fail_with(tr, error.message)
    if json_:
        print_json(data)
        return
    title = Text.assemble((data["name"] or data["handle"], "bold"))
    console.print(title, f"({tr.label('platform', str(data['platform']))})", highlight=False)
    names = {
        "handle": tr.t("cli.feed.handle"),
        "url": tr.t("cli.feed.url"),
        "feed_url": tr.t("cli.feed.feed_url"),
        "language": tr.t("cli.feed.language"),
        "description": tr.t("cli.feed.description"),
    }
    for key, name in names.items():
        if data.get(key):
            line = tr.t("cli.feed.line", name=name, value=str(data[key]))
            console.print(line, highlight=False, markup=False)
    emails = data["contacts"]["emails"]
    if emails:
        line = tr.t("cli.feed.line", name=tr.t("cli.feed.emails"), value=", ".join(emails))
        console.print(line, highlight=False, markup=False)
    posts = Table(
        tr.t("cli.feed.col.published"), tr.t("cli.feed.col.kind"), tr.t("cli.feed.col.title")
    )
    for post in data["posts"][:20]:
        published = post["published_at"]
        posts.add_row(
            tr.date(published) if published else "",
            tr.label("post_kind", str(post["kind"])),
            post["title"] or "",
        )
    console.print(posts)
    console.print(tr.t("cli.feed.posts", count=len(data["posts"])), highlight=False)


@cli.command("set")
def set_(
    source: str = typer.Argument(..., help="youtube or instagram."),
    values: list[str] = typer.Argument(
        ..., help="name=value pairs: api_key=… (YouTube), access_token=… ig_user_id=…"
    ),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Save a source's key for the workspace; an empty value removes it."""
    tr = translator(language)
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            fail_with(tr, tr.t("cli.sources.not_pair", value=value), 2)
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
            fail_with(tr, error.message, 2)
    shown = ", ".join(f"{k}={v}" for k, v in status.fields.items())
    line = tr.t("cli.sources.saved", source=source, keys=shown or tr.t("cli.sources.removed"))
    console.print(line, highlight=False, markup=False)


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
            fail_with(tr, error.message, 2)
    if json_:
        data: dict[str, Any] = report.to_dict()
        print_json(data)
    elif report.ok:
        n, file = report.written, report.file
        if kind == "posts":
            done = tr.t("cli.sources.imported.posts", count=n, file=file)
        elif kind == "comments":
            done = tr.t("cli.sources.imported.comments", count=n, file=file)
        else:
            done = tr.t("cli.sources.imported.snapshots", count=n, file=file)
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
