"""`influent price` and `influent codes …`: fair prices and promo codes from the terminal.

Sentences come from the catalogs in the language of `--locale`; refusals go to standard error
with exit code 2, and nothing is written.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from influent.cli.common import WORKSPACE_HELP, console, print_json
from influent.cli.deals import (
    JSON_HELP,
    LOCALE_HELP,
    REF_HELP,
    Language,
    refuse,
    translator_for,
    writing,
)
from influent.services import campaigns, creators
from influent.services import deals as service
from influent.services.i18n import Translator

__all__ = ["codes_cli", "price"]

codes_cli = typer.Typer(
    help="Promo codes: a campaign's discount levels, generating its codes, exporting them.",
    no_args_is_help=True,
)


class StoreFormat(StrEnum):
    SHOPIFY = "shopify"
    WOOCOMMERCE = "woocommerce"


def price(
    ref: str = typer.Argument(..., help=REF_HELP),
    format_: str = typer.Option("post", "--format", help="The deliverable's format."),
    platform: str | None = typer.Option(
        None, "--platform", help="The account's platform (default: the main account)."
    ),
    quantity: int = typer.Option(1, "--quantity", help="How many of that format."),
    link: bool = typer.Option(False, "--link", help="A story with a link sticker."),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """The fair price of a creator's deliverable: a range, a point value, and why."""
    tr = translator_for(language)
    if quantity < 1:
        refuse(tr, tr.t("deal.error.quantity", quantity=quantity))
    with writing(tr, workspace) as (session, workspace_id):
        creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        estimate, _ = service.estimate_for(
            session,
            workspace_id=workspace_id,
            creator=creator,
            fmt=format_,
            platform=platform,
            story_link=link,
        )
    data = service.estimate_json(estimate, tr, quantity)
    if json_:
        print_json(data)
        return
    console.print(
        tr.t(
            "deal.cli.estimate",
            low=service.money(tr, data["low"], "EUR"),
            high=service.money(tr, data["high"], "EUR"),
            point=service.money(tr, data["point"], "EUR"),
        ),
        markup=False,
    )
    for line in data["basis"]:
        console.print(f"  · {line}", markup=False, highlight=False)


def _levels(tr: Translator, text: str) -> dict[str, int]:
    levels: dict[str, int] = {}
    try:
        for part in text.split(","):
            tier, _, value = part.strip().rpartition("=")
            levels[tier.strip().lower() or "all"] = int(value.strip().rstrip("%").strip())
    except ValueError:
        refuse(tr, tr.t("deal.error.levels", text=text))
    return levels


@codes_cli.command("levels")
def levels(
    campaign: str = typer.Argument(..., help="Campaign id, slug or name."),
    levels_: str | None = typer.Argument(
        None, help='"15" for everyone, or "nano=10,micro=10,mid=20,macro=20,mega=20".'
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show or set a campaign's discount levels, for everyone or per creator tier."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
        if levels_ is not None:
            current = service.set_levels(
                session,
                workspace_id=workspace_id,
                campaign_id=found.id,
                levels=_levels(tr, levels_),
            )
        else:
            current = service.levels_of(session, found.id)
        name = found.name
    if json_:
        print_json(current)
        return
    text = ", ".join(f"{tier} {tr.pct(p / 100)}" for tier, p in current.items()) or "—"
    console.print(tr.t("deal.cli.levels", campaign=name, levels=text), markup=False)


@codes_cli.command("generate")
def generate(
    campaign: str = typer.Option(..., "--campaign", help="Campaign id, slug or name."),
    percent: int | None = typer.Option(
        None, "--percent", help="Percentage off for every code (default: each tier's level)."
    ),
    usage_limit: int | None = typer.Option(
        None, "--usage-limit", help="How many orders may use each code."
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Make a code for every deal of a campaign that has none."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
        discount = (
            service.check_discount(percent=percent, currency=found.currency) if percent else None
        )
        made = service.generate_campaign_codes(
            session,
            workspace_id=workspace_id,
            campaign_id=found.id,
            discount=discount,
            usage_limit=usage_limit,
        )
        views = [service.code_view(session, c) for c in made]
        name = found.name
    if json_:
        print_json([service.code_json(v) for v in views])
        return
    console.print(tr.t("deal.cli.codes_made", count=len(views), campaign=name), markup=False)
    for v in views:
        console.print(f"  {v.code} · {v.creator or ''}", markup=False, highlight=False)


@codes_cli.command("export")
def export(
    campaign: str = typer.Option(..., "--campaign", help="Campaign id, slug or name."),
    store: StoreFormat = typer.Option(
        ..., "--format", help="shopify (Matrixify template) or woocommerce."
    ),
    output: Path | None = typer.Option(
        None, "--output", help="File to write (default: standard output)."
    ),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Export a campaign's codes as the CSV a Shopify or WooCommerce store imports."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
        views = [
            service.code_view(session, c)
            for c in service.campaign_codes(
                session, workspace_id=workspace_id, campaign_id=found.id
            )
        ]
    text = service.export_codes(views, store.value)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
