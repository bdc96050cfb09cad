"""`influent deal …`: proposing, negotiating and following deals from the terminal.

Every sentence comes from the catalogs, in the language of `--locale` (else
INFLUENT_DEFAULT_LOCALE). Refusals go to standard error with exit code 2, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NoReturn

import typer

from influent.cli.common import WORKSPACE_HELP, app, console, fail, print_json, workspace_session
from influent.domain.messages import MessageError
from influent.services import campaigns, creators
from influent.services import deals as service
from influent.services.i18n import Translator

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "JSON_HELP",
    "LOCALE_HELP",
    "REF_HELP",
    "Language",
    "deal_cli",
    "refuse",
    "translator_for",
    "writing",
]

deal_cli = typer.Typer(
    help="Propose, negotiate and follow deals with creators.", no_args_is_help=True
)
codes_cli = typer.Typer(
    help="Promo codes: generate a campaign's codes, export them.", no_args_is_help=True
)

REF_HELP = "@handle, platform:handle, profile URL or #id."
LOCALE_HELP = "Language of the output, en or fr (default: INFLUENT_DEFAULT_LOCALE)."
JSON_HELP = "Print JSON."


class Language(StrEnum):
    EN = "en"
    FR = "fr"


class Party(StrEnum):
    BRAND = "brand"
    CREATOR = "creator"


def translator_for(language: Language | None) -> Translator:
    if language is None:
        return Translator(app().settings.default_locale)
    return Translator(language.value)


def refuse(tr: Translator, text: str) -> NoReturn:
    fail(text, 2, label=tr.t("cli.error"))


@contextmanager
def writing(tr: Translator, workspace: str | None = None) -> Iterator[tuple[Session, int]]:
    """A transaction on `workspace` (a slug, name or id; else the default one) whose refusals
    are said in the user's language (exit 2, nothing written)."""
    try:
        with workspace_session(workspace) as (session, workspace_id):
            yield session, workspace_id
    except MessageError as error:
        refuse(tr, service.say(tr, error.message))
    except creators.NotFound as error:
        refuse(tr, tr.say(error.message))


def _day(tr: Translator, text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        refuse(tr, tr.t("problem.not_a_date", text=text))


def _code(
    code: str | None,
    percent: int | None,
    amount_off: str | None,
    ends: date | None,
    usage_limit: int | None,
) -> service.CodeIn | None:
    if code is None and percent is None and amount_off is None:
        return None
    return service.CodeIn(
        code=code, percent=percent, amount=amount_off, ends_on=ends, usage_limit=usage_limit
    )


def _show(tr: Translator, view: service.DealView) -> None:
    def say(text: str) -> None:
        console.print(text, markup=False, highlight=False)

    say(f"#{view.id} · {view.creator} · {view.campaign} · {tr.label('deal.status', view.status)}")
    for d in view.deliverables:
        due = f" · {d.due_on.isoformat()}" if d.due_on else ""
        fmt = tr.label("deal.format", d.format)
        say(f"  {d.quantity} × {fmt} · {tr.label('platform', d.platform)}{due}")
    fee = service.money(tr, view.fee, view.currency)
    if view.estimate_point is not None and view.estimate_low is not None:
        say(
            tr.t(
                "deal.cli.estimate",
                low=service.money(tr, round(view.estimate_low), "EUR"),
                high=service.money(tr, round(view.estimate_high or 0), "EUR"),
                point=service.money(tr, round(view.estimate_point), "EUR"),
            )
        )
    if view.position:
        position = tr.t(f"deal.position.{view.position}")
        say(tr.t("deal.cli.position", fee=fee, position=position))
    if view.code is not None:
        discount = (
            tr.pct(view.code.percent_off / 100)
            if view.code.percent_off is not None
            else service.money(tr, view.code.amount_off or 0, view.code.currency)
        )
        state = tr.t(f"deal.code_state.{view.code.state}")
        say(tr.t("deal.cli.code_line", code=view.code.code, state=state, discount=discount))
    if view.discount_reason:
        say(tr.t("deal.cli.discount_kept", reason=view.discount_reason))
    if view.landing_url:
        say(f"  {view.landing_url}")
    for e in view.events:
        when = tr.datetime(e.at)
        if e.kind == "status":
            say(
                f"  {when} · {tr.label('deal.status', e.to_status)}"
                + (f" · {e.note}" if e.note else "")
            )
        else:
            amount = service.money(tr, e.fee or 0, e.currency or view.currency)
            party = tr.label("deal.party", e.party)
            say(f"  {when} · {party} · {amount}" + (f" · {e.note}" if e.note else ""))


@deal_cli.command("add")
def add(
    ref: str = typer.Argument(..., help=REF_HELP),
    campaign: str = typer.Option(..., "--campaign", help="Campaign id, slug or name."),
    format_: str = typer.Option(
        ...,
        "--format",
        help="story, post, carousel, reel, short, video_integration, dedicated_video, article, podcast_mention or live.",
    ),
    quantity: int = typer.Option(1, "--quantity", help="How many of that format."),
    fee: str = typer.Option(
        ..., "--fee", help='The fee, as typed: "1 200 €", "1,200.50 EUR", "€1200".'
    ),
    platform: str | None = typer.Option(
        None, "--platform", help="Platform of the deliverable (default: the main account's)."
    ),
    due: str | None = typer.Option(None, "--due", help="Due date, YYYY-MM-DD."),
    link: bool = typer.Option(False, "--link", help="A story with a link sticker."),
    freedom: str | None = typer.Option(
        None, "--freedom", help="The creative freedom left to the creator."
    ),
    gift: str | None = typer.Option(None, "--gift", help="Retail value of the gifted product."),
    commission: str | None = typer.Option(None, "--commission", help="Commission per order."),
    landing_url: str | None = typer.Option(
        None, "--landing-url", help="Landing page (default: the campaign's)."
    ),
    code: str | None = typer.Option(
        None, "--code", help="The promo code (default: made from the creator's name)."
    ),
    percent: int | None = typer.Option(
        None, "--percent", help="Percentage off for the code (default: the campaign's level)."
    ),
    amount_off: str | None = typer.Option(
        None, "--amount-off", help="Fixed amount off for the code."
    ),
    code_ends: str | None = typer.Option(
        None, "--code-ends", help="Last day of the code (default: the campaign's end)."
    ),
    usage_limit: int | None = typer.Option(
        None, "--usage-limit", help="How many orders may use the code."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Why a discount that differs from the same tier's is kept."
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Propose a deal to a creator for a campaign, priced against the fair range."""
    tr = translator_for(language)
    ends = _day(tr, code_ends)
    due_on = _day(tr, due)
    with writing(tr, workspace) as (session, workspace_id):
        creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
        deal = service.create_deal(
            session,
            workspace_id=workspace_id,
            campaign_id=found.id,
            creator_id=creator.id,
            deliverables=[
                service.DeliverableIn(format_, quantity, platform, due_on, link, freedom)
            ],
            fee=fee,
            gifted_value=gift,
            commission_per_order=commission,
            landing_url=landing_url,
            code=_code(code, percent, amount_off, ends, usage_limit),
            discount_reason=reason,
        )
        view = service.deal_view(session, deal)
    if json_:
        print_json(service.deal_json(view))
        return
    fee_text = service.money(tr, view.fee, view.currency)
    console.print(
        tr.t("deal.cli.created", id=view.id, creator=view.creator, fee=fee_text), markup=False
    )
    _show(tr, view)


@deal_cli.command("show")
def show(
    deal_id: int = typer.Argument(..., help="The deal's number."),
    proposal: bool = typer.Option(
        False, "--proposal", help="Print the proposal text, in the creator's language."
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show a deal: deliverables, price and fair range, code, negotiation and history."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        view = service.deal_view(
            session, service.get_deal(session, workspace_id=workspace_id, deal_id=deal_id)
        )
    if proposal:
        text = service.proposal_text(view, language.value if language else None)
        if json_:
            print_json(
                {"language": language.value if language else view.creator_language, "text": text}
            )
        else:
            typer.echo(text)  # as written: no wrapping, ready to paste into a message
        return
    if json_:
        print_json(service.deal_json(view))
        return
    _show(tr, view)


@deal_cli.command("list")
def list_(
    campaign: str | None = typer.Option(None, "--campaign", help="Only this campaign's deals."),
    creator: str | None = typer.Option(
        None, "--creator", help="Only this creator's deals (" + REF_HELP + ")"
    ),
    status: str | None = typer.Option(None, "--status", help="Only deals with this status."),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List deals, newest first."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        campaign_id = (
            campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign).id
            if campaign
            else None
        )
        creator_id = (
            creators.resolve_creator(session, workspace_id=workspace_id, ref=creator).id
            if creator
            else None
        )
        views = [
            service.deal_view(session, d)
            for d in service.list_deals(
                session,
                workspace_id=workspace_id,
                campaign_id=campaign_id,
                creator_id=creator_id,
                status=status,
            )
        ]
    if json_:
        print_json([service.deal_json(v) for v in views])
        return
    if not views:
        console.print(tr.t("deal.cli.none"), markup=False)
    for v in views:
        position = (
            f" · {tr.t(f'deal.position.{v.position}')}"
            if v.position and v.position != "within"
            else ""
        )
        console.print(
            f"#{v.id} · {v.creator} · {v.campaign} · {tr.label('deal.status', v.status)} · "
            f"{service.money(tr, v.fee, v.currency)}{position}"
            + (f" · {v.code.code}" if v.code else ""),
            markup=False,
            highlight=False,
        )


@deal_cli.command("offer")
def offer(
    deal_id: int = typer.Argument(..., help="The deal's number."),
    fee: str = typer.Option(..., "--fee", help="The amount offered, as typed."),
    party: Party = typer.Option(
        Party.CREATOR, "--from", help="Who makes the offer: brand or creator."
    ),
    note: str | None = typer.Option(None, "--note", help="What came with the offer."),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Record an offer or a counter-offer on a proposed deal."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        deal = service.record_offer(
            session,
            workspace_id=workspace_id,
            deal_id=deal_id,
            party=party.value,
            fee=fee,
            note=note,
        )
        view = service.deal_view(session, deal)
    if json_:
        print_json(service.deal_json(view))
        return
    amount = service.money(tr, view.fee, view.currency)
    console.print(
        tr.t(f"deal.cli.offer_{party.value}", id=view.id, fee=amount),
        markup=False,
    )


@deal_cli.command("status")
def status(
    deal_id: int = typer.Argument(..., help="The deal's number."),
    new_status: str = typer.Argument(..., help="accepted, live, delivered, paid or cancelled."),
    note: str | None = typer.Option(None, "--note", help="Why, or what happened."),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Move a deal along: proposed → accepted → live → delivered → paid, or cancelled."""
    tr = translator_for(language)
    with writing(tr, workspace) as (session, workspace_id):
        deal = service.change_status(
            session, workspace_id=workspace_id, deal_id=deal_id, status=new_status, note=note
        )
        view = service.deal_view(session, deal)
    if json_:
        print_json(service.deal_json(view))
        return
    console.print(
        tr.t("deal.cli.status", id=view.id, status=tr.label("deal.status", view.status)),
        markup=False,
    )


@deal_cli.command("code")
def code_(
    deal_id: int = typer.Argument(..., help="The deal's number."),
    code: str | None = typer.Option(
        None, "--code", help="The promo code (default: made from the creator's name)."
    ),
    percent: int | None = typer.Option(
        None, "--percent", help="Percentage off (default: the campaign's level)."
    ),
    amount_off: str | None = typer.Option(None, "--amount-off", help="Fixed amount off."),
    code_ends: str | None = typer.Option(
        None, "--code-ends", help="Last day of the code (default: the campaign's end)."
    ),
    usage_limit: int | None = typer.Option(
        None, "--usage-limit", help="How many orders may use the code."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Why a discount that differs from the same tier's is kept."
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Give a deal its promo code."""
    tr = translator_for(language)
    ends = _day(tr, code_ends)
    with writing(tr, workspace) as (session, workspace_id):
        deal = service.attach_code(
            session,
            workspace_id=workspace_id,
            deal_id=deal_id,
            code=_code(code, percent, amount_off, ends, usage_limit) or service.CodeIn(),
            discount_reason=reason,
        )
        view = service.deal_view(session, deal)
    if json_:
        print_json(service.deal_json(view))
        return
    _show(tr, view)
