"""`influent creators`: the creator list from the terminal."""

from __future__ import annotations

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, console, fail, print_json, workspace_session
from influent.domain.platforms import Platform, Tier
from influent.domain.values import ValueProblem, parse_count, parse_percent
from influent.services import creators as service
from influent.store.creator_queries import SORTS

cli = typer.Typer(help="List, show, add, edit, tag and annotate creators.", no_args_is_help=True)


def _count(text: str | None) -> int | None:
    try:
        return parse_count(text)
    except ValueProblem as problem:
        fail(f"“{text}” {problem}", 2)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.2%}"


@cli.command("list")
def list_(
    platform: Platform | None = typer.Option(None, help="Only creators with an account there."),
    tier: Tier | None = typer.Option(None, help="nano, micro, mid, macro or mega."),
    min_followers: str | None = typer.Option(
        None, help="At least this many followers (10k, 1,2M…)."
    ),
    max_followers: str | None = typer.Option(None, help="At most this many followers."),
    tag: str | None = typer.Option(None, help="Only creators with this tag."),
    country: str | None = typer.Option(None, help="ISO country code, e.g. FR."),
    language: str | None = typer.Option(None, help="ISO language code, e.g. fr."),
    search: str | None = typer.Option(
        None, "--search", "-s", help="Text in name, handle, email or category."
    ),
    sort: str = typer.Option("-followers", help=f"One of: {', '.join(SORTS)}."),
    page: int = typer.Option(1, min=1, help="Page number."),
    per_page: int = typer.Option(50, min=1, max=500, help="Rows per page."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List creators with filters, sort and pages."""
    if sort not in SORTS:
        fail(f"unknown sort “{sort}” (use one of {', '.join(SORTS)})", 2)
    query = service.CreatorQuery(
        platform=platform,
        tier=tier,
        min_followers=_count(min_followers),
        max_followers=_count(max_followers),
        tag=tag,
        country=country.upper() if country else None,
        language=language.lower() if language else None,
        text=search,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    with workspace_session(workspace) as (session, workspace_id):
        result = service.list_creators(session, workspace_id=workspace_id, query=query)
        if json_:
            print_json(
                {
                    "total": result.total,
                    "total_is_exact": result.total_is_exact,
                    "page": page,
                    "creators": [service.creator_summary(c) for c in result.items],
                }
            )
            return
        table = Table("#", "Name", "Platform", "Handle", "Followers", "ER", "Country", "Tags")
        for c in result.items:
            table.add_row(
                str(c.id),
                c.name,
                c.platform or "",
                c.handle or "",
                f"{c.followers:,}" if c.followers is not None else "",
                _rate(c.engagement_rate),
                c.country or "",
                ", ".join(t.name for t in c.tags),
            )
        console.print(table)
        more = "" if result.total_is_exact else "+"
        console.print(f"{result.total:,}{more} creators, page {page} of {result.pages}{more}.")


@cli.command("show")
def show(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show one creator with accounts, stats, tags and notes."""
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        except service.NotFound as error:
            fail(str(error))
        data = service.creator_detail(creator)
    if json_:
        print_json(data)
        return
    console.print(f"[bold]{data['name']}[/] (#{data['id']})")
    for key in ("email", "agent", "country", "language", "category", "notes"):
        if data[key]:
            console.print(f"  {key}: {data[key]}")
    if data["tags"]:
        console.print(f"  tags: {', '.join(data['tags'])}")
    accounts = Table("Platform", "Handle", "Followers", "ER", "Source", "Updated")
    for a in data["accounts"]:
        accounts.add_row(
            a["platform"],
            a["handle"],
            f"{a['followers']:,}" if a["followers"] is not None else "",
            _rate(a["engagement_rate"]),
            a["stats_source"] or "",
            (a["stats_updated_at"] or "")[:10],
        )
    console.print(accounts)
    for note in data["note_items"]:
        console.print(f"  [dim]{note['created_at'][:16]}[/] {note['body']}")


@cli.command("add")
def add(
    account: str = typer.Argument(..., help="@handle or profile URL."),
    name: str = typer.Option("", help="The creator's name (default: the handle)."),
    platform: Platform | None = typer.Option(None, help="Needed when ACCOUNT is a bare handle."),
    followers: str | None = typer.Option(None, help="Follower count (150k, 1,2M…)."),
    engagement: str | None = typer.Option(None, help="Engagement rate (5 %, 5,3%…)."),
    email: str | None = typer.Option(None, help="Contact email."),
    country: str | None = typer.Option(None, help="Country (name or ISO code)."),
    language: str | None = typer.Option(None, help="Language (name or ISO code)."),
    category: str | None = typer.Option(None, help="Niche or category."),
    tag: list[str] = typer.Option([], help="A tag (repeatable)."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add a creator with one account."""
    try:
        rate = parse_percent(engagement)
    except ValueProblem as problem:
        fail(f"engagement {problem}", 2)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.add_creator(
                session,
                workspace_id=workspace_id,
                name=name,
                account=service.NewAccount(platform, account, _count(followers), rate),
                fields={
                    "email": email,
                    "country": country,
                    "language": language,
                    "category": category,
                },
                tags=tag,
            )
        except service.CreatorError as error:
            fail(str(error))
        console.print(f"Added {creator.name} (#{creator.id}).")


@cli.command("edit")
def edit(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    set_: list[str] = typer.Option(
        [], "--set", help="field=value; fields: " + ", ".join(service.EDITABLE)
    ),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Change a creator's fields."""
    fields: dict[str, str | None] = {}
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"--set needs field=value, got “{item}”", 2)
        fields[key.strip()] = value
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            service.edit_creator(
                session, workspace_id=workspace_id, creator_id=creator.id, fields=fields
            )
        except (service.NotFound, service.CreatorError) as error:
            fail(str(error))
        console.print(f"Updated {creator.name}.")


@cli.command("tag")
def tag(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    tags: list[str] = typer.Argument(..., help="Tags to add."),
    remove: bool = typer.Option(False, "--remove", help="Remove these tags instead."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add tags to a creator (or remove them with --remove)."""
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            if remove:
                service.untag_creator(
                    session, workspace_id=workspace_id, creator_id=creator.id, tags=tags
                )
            else:
                service.tag_creator(
                    session, workspace_id=workspace_id, creator_id=creator.id, tags=tags
                )
        except service.NotFound as error:
            fail(str(error))
        console.print(f"{'Removed' if remove else 'Tagged'} {creator.name}: {', '.join(tags)}.")


@cli.command("note")
def note(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    body: str = typer.Argument(..., help="The note's text."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add a dated note to a creator."""
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            service.add_note(
                session, workspace_id=workspace_id, creator_id=creator.id, body=body, author_id=None
            )
        except (service.NotFound, service.CreatorError) as error:
            fail(str(error))
        console.print(f"Noted on {creator.name}.")
