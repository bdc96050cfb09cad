"""`influent portal`: each creator's private results page for a campaign."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from influent.cli.common import WORKSPACE_HELP, app, console, fail, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP, Language, translator
from influent.services import campaigns, creators, orders
from influent.services.i18n import Translator

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

cli = typer.Typer(help="Private, revocable results pages for creators.", no_args_is_help=True)


def _targets(session: Session, workspace_id: int, ref: str, campaign: str) -> tuple[int, int]:
    tr = Translator(app().settings.default_locale)
    try:
        creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
    except creators.NotFound as error:
        fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    except campaigns.CampaignError as error:
        fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    return found.id, creator.id


@cli.command("link")
def link(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    campaign: str = typer.Option(..., "--campaign", "-c", help="Campaign name, slug or id."),
    base_url: str = typer.Option(
        "http://127.0.0.1:8000", help="The address creators reach Influent at."
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Make a private link to a creator's results for a campaign (shown once)."""
    with workspace_session(workspace) as (session, workspace_id):
        campaign_id, creator_id = _targets(session, workspace_id, ref, campaign)
        token = orders.create_portal_link(
            session, workspace_id=workspace_id, campaign_id=campaign_id, creator_id=creator_id
        )
    url = f"{base_url.rstrip('/')}/p/{token}"
    if json_:
        print_json({"url": url})
    else:
        console.print(url, markup=False, highlight=False)


@cli.command("revoke")
def revoke(
    ref: str = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    campaign: str = typer.Option(..., "--campaign", "-c", help="Campaign name, slug or id."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """End every private link of a creator for a campaign, at once."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        campaign_id, creator_id = _targets(session, workspace_id, ref, campaign)
        ended = orders.revoke_portal_links(
            session, workspace_id=workspace_id, campaign_id=campaign_id, creator_id=creator_id
        )
    console.print(tr.t("cli.portal.revoked", count=ended), highlight=False, markup=False)
