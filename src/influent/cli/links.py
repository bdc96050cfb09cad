"""`influent link …` (tracked links, their QR codes, allowed domains) and `influent redirect`.

Words people read come from the `links.*` catalog entries in the language of `--locale`
(else INFLUENT_DEFAULT_LOCALE); `--json` prints the same data in every language.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, app, console, fail, print_json, workspace_session
from influent.cli.speech import Language
from influent.domain.messages import MessageError
from influent.services import campaigns
from influent.services import links as service
from influent.services.i18n import Translator

__all__ = ["cli", "redirect", "redirect_app"]

cli = typer.Typer(help="Tracked links: UTM, short links and QR codes.", no_args_is_help=True)
domains_cli = typer.Typer(
    help="The domains this workspace's links may send people to.", no_args_is_help=True
)
cli.add_typer(domains_cli, name="domains")

_JSON = typer.Option(False, "--json", help="Print JSON.")
_LOCALE = typer.Option(
    None, "--locale", help="Language of the output, en or fr (default: INFLUENT_DEFAULT_LOCALE)."
)


def _tr(language: Language | None) -> Translator:
    return Translator(language.value if language else app().settings.default_locale)


def _refuse(tr: Translator, error: MessageError) -> NoReturn:
    fail(tr.say(error.message), 2, label=tr.t("cli.error"))


def _data(link: Any) -> dict[str, Any]:
    base = app().settings.short_link_base
    return {
        "id": link.id,
        "key": link.key,
        "short_url": service.short_url(base, link.key),
        "campaign_id": link.campaign_id,
        "creator_id": link.creator_id,
        "platform": link.platform,
        "handle": link.handle,
        "destination": link.destination,
        "url": link.target_url,
        "utm": {
            name: getattr(link, name)
            for name in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
            if getattr(link, name)
        },
        "clicks": {"human": link.clicks_human, "bot": link.clicks_bot, "visitors": link.visitors},
        "created_at": link.created_at.isoformat(),
    }


@cli.command("create")
def create(
    creator: str = typer.Argument(..., help="The creator's account: @handle or platform:handle."),
    campaign: str = typer.Option(..., "--campaign", help="Campaign id, slug or name."),
    to: str | None = typer.Option(
        None, "--to", help="Destination URL (default: the campaign's landing page)."
    ),
    key: str | None = typer.Option(
        None, "--key", help="Short-link key (default: handle-campaign)."
    ),
    utm_source: str | None = typer.Option(None, "--utm-source", help="Override utm_source."),
    utm_medium: str | None = typer.Option(None, "--utm-medium", help="Override utm_medium."),
    utm_campaign: str | None = typer.Option(None, "--utm-campaign", help="Override utm_campaign."),
    utm_content: str | None = typer.Option(None, "--utm-content", help="Override utm_content."),
    utm_term: str | None = typer.Option(None, "--utm-term", help="Set utm_term."),
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Create a tracked link for a creator in a campaign."""
    tr = _tr(language)
    overrides = {
        "utm_source": utm_source,
        "utm_medium": utm_medium,
        "utm_campaign": utm_campaign,
        "utm_content": utm_content,
        "utm_term": utm_term,
    }
    try:
        with workspace_session(workspace) as (session, workspace_id):
            link = service.create_link(
                session,
                workspace_id=workspace_id,
                creator=creator,
                campaign=campaign,
                to=to,
                key=key,
                utm={k: v for k, v in overrides.items() if v},
            )
            data = _data(link)
    except MessageError as error:
        _refuse(tr, error)
    if json_:
        print_json(data)
        return
    console.print(tr.t("links.cli.created", url=data["short_url"]), markup=False)
    console.print(tr.t("links.cli.goes_to", url=data["url"]), markup=False, highlight=False)


@cli.command("list")
def list_(
    campaign: str | None = typer.Option(None, "--campaign", help="Only this campaign's links."),
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the workspace's tracked links with their clicks."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            campaign_id = None
            if campaign is not None:
                found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
                campaign_id = found.id
            rows = [
                _data(link)
                for link in service.list_links(
                    session, workspace_id=workspace_id, campaign_id=campaign_id
                )
            ]
    except MessageError as error:
        _refuse(tr, error)
    if json_:
        print_json(rows)
        return
    table = Table(show_lines=False)
    for code in ("key", "handle", "humans", "bots", "visitors", "short_url"):
        table.add_column(tr.t(f"links.cli.column.{code}"))
    for row in rows:
        clicks = row["clicks"]
        table.add_row(
            row["key"],
            "@" + row["handle"],
            tr.num(clicks["human"]),
            tr.num(clicks["bot"]),
            tr.num(clicks["visitors"]),
            row["short_url"],
        )
    console.print(table)


@cli.command("show")
def show(
    ref: str = typer.Argument(..., help="The link's key or id."),
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show a link: where it goes, and its clicks day by day."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            link = service.find_link(session, workspace_id=workspace_id, ref=ref)
            data = _data(link)
            stats = service.link_days(session, link=link)
    except MessageError as error:
        _refuse(tr, error)
    data["days"] = [
        {"day": day.isoformat(), "human": human, "bot": bot, "visitors": visitors}
        for day, human, bot, visitors in stats.days
    ]
    if json_:
        print_json(data)
        return
    console.print(data["short_url"], markup=False, style="bold")
    console.print(tr.t("links.cli.goes_to", url=data["url"]), markup=False, highlight=False)
    console.print(
        tr.t(
            "links.cli.totals",
            human=tr.t("links.cli.human", count=stats.human),
            bot=stats.bot,
            visitors=tr.t("links.cli.visitors", count=stats.visitors),
        ),
        markup=False,
    )
    if data["days"]:
        table = Table()
        for code in ("day", "humans", "bots", "visitors"):
            table.add_column(tr.t(f"links.cli.column.{code}"))
        for day in data["days"]:
            table.add_row(
                day["day"], tr.num(day["human"]), tr.num(day["bot"]), tr.num(day["visitors"])
            )
        console.print(table)


@cli.command("qr")
def qr(
    ref: str = typer.Argument(..., help="The link's key or id."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="File to write: .svg or .png (by its extension)."
    ),
    scale: int = typer.Option(8, "--scale", min=1, max=50, help="Pixels per QR module."),
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Write the QR code of a link's short URL as SVG or PNG."""
    tr = _tr(language)
    kind = "png" if output.suffix.lower() == ".png" else "svg"
    try:
        with workspace_session(workspace) as (session, workspace_id):
            link = service.find_link(session, workspace_id=workspace_id, ref=ref)
            url = service.short_url(app().settings.short_link_base, link.key)
    except MessageError as error:
        _refuse(tr, error)
    output.write_bytes(service.qr_code(url, kind=kind, scale=scale))
    console.print(tr.t("links.cli.qr_written", path=str(output), url=url), markup=False)


@domains_cli.command("list")
def domains_list(
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the domains links may send people to."""
    tr = _tr(language)
    with workspace_session(workspace) as (session, workspace_id):
        domains = service.link_domains(session, workspace_id=workspace_id)
    if json_:
        print_json(domains)
        return
    console.print("\n".join(domains) if domains else tr.t("links.cli.no_domains"), markup=False)


@domains_cli.command("add")
def domains_add(
    domain: str = typer.Argument(..., help="A domain such as shop.example.com (subdomains too)."),
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Allow links to send people to a domain and its subdomains."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            domains = service.add_link_domain(session, workspace_id=workspace_id, domain=domain)
    except MessageError as error:
        _refuse(tr, error)
    if json_:
        print_json(domains)
    else:
        console.print("\n".join(domains), markup=False)


@domains_cli.command("remove")
def domains_remove(
    domain: str = typer.Argument(..., help="A domain allowed so far."),
    json_: bool = _JSON,
    language: Language | None = _LOCALE,
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Stop allowing a domain for new links (existing links keep working)."""
    tr = _tr(language)
    try:
        with workspace_session(workspace) as (session, workspace_id):
            domains = service.remove_link_domain(session, workspace_id=workspace_id, domain=domain)
    except MessageError as error:
        _refuse(tr, error)
    if json_:
        print_json(domains)
    else:
        console.print("\n".join(domains), markup=False)


def redirect_app() -> service.RedirectApp:
    """The factory each `influent redirect` worker calls (settings from the environment)."""
    # The click writer thread gives up the GIL at each database call; a short switch interval
    # lets it take the GIL back sooner, which keeps the p99 low under a flood of requests.
    sys.setswitchinterval(0.0005)
    settings = app().settings
    return service.RedirectApp(settings.database_url, default_locale=settings.default_locale)


def redirect(
    host: str | None = typer.Option(None, help="Address to listen on (default: INFLUENT_HOST)."),
    port: int | None = typer.Option(None, help="Port to listen on (default: INFLUENT_PORT)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes serving the redirect."),
) -> None:
    """Serve only the short-link redirect (/r/…), for a links host of its own."""
    from granian.constants import Interfaces
    from granian.server import Server

    settings = app().settings
    Server(
        "influent.cli.links:redirect_app",
        address=host or settings.host,
        port=port or settings.port,
        interface=Interfaces.ASGI,
        workers=workers,
        factory=True,
        log_access=False,
    ).serve()
