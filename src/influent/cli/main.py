"""The `influent` command."""

from __future__ import annotations

import typer

from influent.cli import (
    brandfit,
    campaigns,
    codes,
    creators,
    db,
    deals,
    links,
    orders,
    outreach,
    portal,
    report,
    sources,
    transfer,
    users,
    vetting,
    workspaces,
)
from influent.cli.common import app, console, open_app
from influent.cli.demo import demo
from influent.services.i18n import Translator

cli = typer.Typer(
    help="Influent: self-hosted influencer marketing.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@cli.callback()
def main(ctx: typer.Context) -> None:
    """Influent: self-hosted influencer marketing."""
    open_app(ctx)


cli.add_typer(db.cli, name="db")
cli.add_typer(users.cli, name="users")
cli.add_typer(workspaces.cli, name="workspaces")
cli.add_typer(creators.cli, name="creators")
transfer.import_cli.command("orders")(orders.import_orders)
cli.add_typer(transfer.import_cli, name="import")
cli.add_typer(transfer.export_cli, name="export")
cli.command("demo")(demo)
cli.add_typer(sources.cli, name="sources")
sources.register(cli)
cli.command("audit")(vetting.audit)
cli.command("history")(vetting.history)
cli.add_typer(vetting.audience_cli, name="audience")
cli.add_typer(portal.cli, name="portal")
cli.add_typer(report.report_cli, name="report")
cli.add_typer(links.cli, name="link")
cli.command("redirect")(links.redirect)
cli.add_typer(deals.deal_cli, name="deal")
cli.command("price")(codes.price)
cli.add_typer(codes.codes_cli, name="codes")
cli.add_typer(campaigns.campaign_cli, name="campaign")
cli.command("funnel")(campaigns.funnel)
cli.command("plan")(campaigns.plan)
cli.command("pipeline")(outreach.pipeline)
cli.command("move")(outreach.move)
cli.command("draft")(outreach.draft)
cli.command("due")(outreach.due)
cli.command("touch")(outreach.touch)
cli.add_typer(outreach.contact_cli, name="contact")
cli.add_typer(brandfit.brief_cli, name="brief")
cli.command("shortlist")(brandfit.shortlist)
cli.command("lookalikes")(brandfit.lookalikes)
cli.add_typer(brandfit.survey_cli, name="survey")


@cli.command("serve")
def serve(
    host: str | None = typer.Option(None, help="Address to listen on (default: INFLUENT_HOST)."),
    port: int | None = typer.Option(None, help="Port to listen on (default: INFLUENT_PORT)."),
) -> None:
    """Serve the web app, with the short-link redirect (/r/…) in front of it."""
    import uvicorn

    settings = app().settings
    tr = Translator(settings.default_locale)
    address = f"http://{host or settings.host}:{port or settings.port}/"
    console.print(tr.t("cli.serve.at", address=address), highlight=False, markup=False)
    uvicorn.run(
        "influent.web.app:create_server_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
    )


def run() -> None:
    cli()
