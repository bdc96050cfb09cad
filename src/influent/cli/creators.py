"""`influent creators`: the creator list from the terminal, in the language of `--locale`."""

from __future__ import annotations

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, console, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.domain.platforms import Platform, Tier
from influent.domain.values import ValueProblem, parse_count, parse_percent
from influent.services import creators as service
from influent.services.i18n import Translator

cli = typer.Typer(help="List, show, add, edit, tag and annotate creators.", no_args_is_help=True)


_LOCALE = typer.Option(None, "--locale", help=LOCALE_HELP)


def _count(tr: Translator, text: str | None) -> int | None:
    try:
        return parse_count(text)
    except ValueProblem as problem:
        fail_with(tr, tr.t("cli.creators.bad_value", value=text, problem=tr.problem(problem)), 2)


def _rate(tr: Translator, value: float | None) -> str:
    return "" if value is None else tr.pct(value, 2)


def _followers(tr: Translator, value: int | None) -> str:
    return "" if value is None else tr.num(value)


def _quality(tr: Translator, q: service.QualityRow | None) -> str:
    """ "62" or "62 provisional (3/7)", and the worst flag under it."""
    if q is None or q.score is None:
        return ""
    text = str(q.score)
    if q.provisional:
        text += "\n" + tr.t(
            "cli.creators.provisional", count=q.signals_used, total=service.QUALITY_SIGNALS
        )
    if q.worst_flag:
        text += "\n" + tr.t(f"creators.flag.{q.worst_flag}")
    return text


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
    min_quality: int | None = typer.Option(
        None, min=0, max=100, help="Audience quality of at least this score (0–100)."
    ),
    max_quality: int | None = typer.Option(
        None, min=0, max=100, help="Audience quality of at most this score: 49 for below 50."
    ),
    flag: str | None = typer.Option(
        None,
        help=f"Only creators with this quality flag: {', '.join(service.QUALITY_FLAGS)}.",
    ),
    sort: str = typer.Option(service.DEFAULT_SORT, help=f"One of: {', '.join(service.SORT_KEYS)}."),
    page: int = typer.Option(1, min=1, help="Page number."),
    per_page: int = typer.Option(50, min=1, max=500, help="Rows per page."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List creators with filters, sort and pages."""
    tr = translator(language_)
    if sort not in service.SORT_KEYS:
        fail_with(
            tr, tr.t("cli.creators.bad_sort", sort=sort, keys=", ".join(service.SORT_KEYS)), 2
        )
    for text in (min_followers, max_followers):
        _count(tr, text)  # the table ignores an unreadable count; the command line refuses it
    if flag and flag.strip().lower().replace("-", "_") not in service.QUALITY_FLAGS:
        flags = ", ".join(service.QUALITY_FLAGS)
        fail_with(tr, tr.t("cli.creators.bad_flag", flag=flag, flags=flags), 2)
    filters = service.CreatorFilters(
        platform=platform.value if platform else "",
        tier=tier.value if tier else "",
        min_followers=min_followers or "",
        max_followers=max_followers or "",
        q=search or "",
        tag=tag or "",
        country=country or "",
        language=language or "",
        min_quality="" if min_quality is None else str(min_quality),
        max_quality="" if max_quality is None else str(max_quality),
        flag=flag or "",
        sort=sort,
    )
    query, _ = filters.query(page=page, per_page=per_page)
    with workspace_session(workspace) as (session, workspace_id):
        result = service.list_creators(session, workspace_id=workspace_id, query=query)
        rows = service.table_rows(session, result.items, None)
        if json_:
            print_json(
                {
                    "total": result.total,
                    "total_is_exact": result.total_is_exact,
                    "page": page,
                    "creators": [
                        {
                            **service.creator_summary(row.creator),
                            "quality": service.quality_summary(row),
                        }
                        for row in rows
                    ],
                }
            )
            return
        # In a narrow terminal the text columns give way; a number is never cut or wrapped.
        table = Table()
        table.add_column("#", no_wrap=True, justify="right")
        table.add_column(tr.t("cli.creators.col.name"), overflow="ellipsis", ratio=3)
        table.add_column(tr.t("cli.creators.col.platform"), overflow="ellipsis", ratio=2)
        table.add_column(tr.t("cli.creators.col.handle"), overflow="ellipsis", ratio=3)
        table.add_column(tr.t("cli.creators.col.followers"), no_wrap=True, justify="right")
        table.add_column(tr.t("cli.creators.col.engagement"), no_wrap=True, justify="right")
        # The score never wraps; "provisional (1/7)" and the worst flag may, below it.
        table.add_column(
            tr.t("cli.creators.col.quality"), justify="right", overflow="fold", ratio=2
        )
        table.add_column(tr.t("cli.creators.col.country"), no_wrap=True)
        table.add_column(tr.t("cli.creators.col.tags"), overflow="ellipsis", ratio=2)
        for row in rows:
            c = row.creator
            table.add_row(
                str(c.id),
                c.name,
                tr.label("platform", c.platform),
                c.handle or (tr.t("cli.creators.to_confirm") if c.platform else ""),
                _followers(tr, c.followers),
                _rate(tr, c.engagement_rate),
                _quality(tr, row.quality),
                c.country or "",
                ", ".join(t.name for t in c.tags),
            )
        console.print(table)
        more = "" if result.total_is_exact else "+"
        footer = tr.t(
            "cli.creators.total",
            count=result.total,
            total=tr.count(result.total, result.total_is_exact),
            page=page,
            pages=tr.num(result.pages) + more,
        )
        console.print(footer, markup=False, highlight=False)


@cli.command("show")
def show(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show one creator with accounts, stats, tags and notes."""
    tr = translator(language_)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        except service.NotFound as error:
            fail_with(tr, error.message)
        data = service.creator_detail(creator)
    if json_:
        print_json(data)
        return
    console.print(f"[bold]{data['name']}[/] (#{data['id']})")
    for key in ("email", "agent", "country", "language", "category", "notes"):
        if data[key]:
            line = tr.t("cli.creators.field", field=tr.t(f"field.{key}"), value=data[key])
            console.print(f"  {line}", markup=False, highlight=False)
    if data["tags"]:
        line = tr.t("cli.creators.tags", tags=", ".join(data["tags"]))
        console.print(f"  {line}", markup=False, highlight=False)
    accounts = Table(
        tr.t("cli.creators.col.platform"),
        tr.t("cli.creators.col.handle"),
        tr.t("cli.creators.col.followers"),
        tr.t("cli.creators.col.engagement"),
        tr.t("cli.creators.col.source"),
        tr.t("cli.creators.col.updated"),
    )
    for a in data["accounts"]:
        accounts.add_row(
            tr.label("platform", a["platform"]),
            a["handle"] or tr.t("cli.creators.to_confirm"),
            _followers(tr, a["followers"]),
            _rate(tr, a["engagement_rate"]),
            tr.label("source", a["stats_source"]),
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
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add a creator with one account."""
    tr = translator(language_)
    try:
        rate = parse_percent(engagement)
    except ValueProblem as problem:
        fail_with(tr, tr.t("cli.creators.bad_engagement", problem=tr.problem(problem)), 2)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.add_creator(
                session,
                workspace_id=workspace_id,
                name=name,
                account=service.NewAccount(platform, account, _count(tr, followers), rate),
                fields={
                    "email": email,
                    "country": country,
                    "language": language,
                    "category": category,
                },
                tags=tag,
            )
        except service.CreatorError as error:
            fail_with(tr, error.message)
        added = tr.t("cli.creators.added", name=creator.name, id=str(creator.id))
        console.print(added, markup=False, highlight=False)


@cli.command("edit")
def edit(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    set_: list[str] = typer.Option(
        [], "--set", help="field=value; fields: " + ", ".join(service.EDITABLE)
    ),
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Change a creator's fields."""
    tr = translator(language_)
    fields: dict[str, str | None] = {}
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep:
            fail_with(tr, tr.t("cli.creators.bad_set", item=item), 2)
        fields[key.strip()] = value
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            service.edit_creator(
                session, workspace_id=workspace_id, creator_id=creator.id, fields=fields
            )
        except (service.NotFound, service.CreatorError) as error:
            fail_with(tr, error.message)
        console.print(tr.t("cli.creators.updated", name=creator.name), markup=False)


@cli.command("tag")
def tag(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    tags: list[str] = typer.Argument(..., help="Tags to add."),
    remove: bool = typer.Option(False, "--remove", help="Remove these tags instead."),
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add tags to a creator (or remove them with --remove)."""
    tr = translator(language_)
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
            fail_with(tr, error.message)
        names = ", ".join(tags)
        if remove:
            said = tr.t("cli.creators.untagged", name=creator.name, tags=names)
        else:
            said = tr.t("cli.creators.tagged", name=creator.name, tags=names)
        console.print(said, markup=False, highlight=False)


@cli.command("note")
def note(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    body: str = typer.Argument(..., help="The note's text."),
    language_: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add a dated note to a creator."""
    tr = translator(language_)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = service.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            service.add_note(
                session, workspace_id=workspace_id, creator_id=creator.id, body=body, author_id=None
            )
        except (service.NotFound, service.CreatorError) as error:
            fail_with(tr, error.message)
        console.print(tr.t("cli.creators.noted", name=creator.name), markup=False)
