"""`influent pipeline`, `move`, `draft`, `due`, `touch` and `contact`: outreach from the terminal."""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from influent.cli.campaigns import LOCALE_HELP, campaign_or_fail, say_error
from influent.cli.common import WORKSPACE_HELP, app, console, errors, print_json, workspace_session
from influent.cli.speech import Language, translator
from influent.domain.messages import MessageError
from influent.domain.pipeline import parse_lost_reason, parse_stage
from influent.domain.touches import Channel, ContactKind, Direction
from influent.services import campaigns, creators, outreach

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["contact_cli", "draft", "due", "move", "pipeline", "touch"]

contact_cli = typer.Typer(help="A creator's contact points and agents.", no_args_is_help=True)

_REF_HELP = "@handle, platform:handle, profile URL or #id."
_CAMPAIGN_HELP = "Campaign name, slug or #id."


def _say(text: str, style: str | None = None) -> None:
    console.print(text, style=style, markup=False, highlight=False)


def _opportunity(session: Session, workspace_id: int, ref: str, campaign: str) -> tuple[int, str]:
    """(opportunity id, creator name) of a creator in a campaign."""
    found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
    creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
    opportunity = outreach.find_opportunity(
        session, workspace_id=workspace_id, campaign_id=found.id, creator_id=creator.id
    )
    return opportunity.id, creator.name


def pipeline(
    campaign: str = typer.Argument(..., help=_CAMPAIGN_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """The campaign's creators, stage by stage."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        found = campaign_or_fail(session, workspace_id, campaign, tr)
        columns = outreach.board(session, workspace_id=workspace_id, campaign_id=found.id)
        name = found.name
    if json_:
        print_json(
            {
                "campaign": name,
                "stages": {s: [asdict(c) for c in cards] for s, cards in columns.items()},
            }
        )
        return
    if not any(columns.values()):
        _say(tr.t("outreach.cli.empty_pipeline", campaign=name))
        return
    table = Table(title=name)
    for key in ("stage", "creator", "followers", "last_touch"):
        table.add_column(
            tr.t(f"outreach.cli.col.{key}"), justify="right" if key == "followers" else "left"
        )
    for stage, cards in columns.items():
        for card in cards:
            label = tr.t(f"outreach.stage.{stage}")
            if card.lost_reason:
                label += f" ({tr.t('outreach.lost_reason.' + card.lost_reason)})"
            who = card.name + (f" @{card.handle}" if card.handle else "")
            table.add_row(label, who, tr.num(card.followers), tr.datetime(card.last_touch_at))
    console.print(table)


def move(
    ref: str = typer.Argument(..., help=_REF_HELP),
    stage: str = typer.Argument(
        ..., help="identified, contacted, replied, negotiating, deal, live, done or lost."
    ),
    campaign: str = typer.Option(..., "--campaign", help=_CAMPAIGN_HELP),
    reason: str | None = typer.Option(
        None,
        "--reason",
        help="Why it was lost: no_answer, declined, too_expensive, not_a_fit, other.",
    ),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Move a creator to another stage of a campaign (illegal moves are refused)."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            target, why = parse_stage(stage), parse_lost_reason(reason)
            opportunity_id, name = _opportunity(session, workspace_id, ref, campaign)
            before = outreach.get_opportunity(
                session, workspace_id=workspace_id, opportunity_id=opportunity_id
            ).stage
            outreach.move(
                session,
                workspace_id=workspace_id,
                opportunity_id=opportunity_id,
                stage=target,
                lost_reason=why,
            )
        except (MessageError, creators.NotFound) as error:
            session.rollback()
            say_error(tr, error)
    _say(
        tr.t(
            "outreach.cli.moved",
            creator=name,
            from_stage=tr.t(f"outreach.stage.{before}"),
            to_stage=tr.t(f"outreach.stage.{target.value}"),
        )
    )


def draft(
    ref: str = typer.Argument(..., help=_REF_HELP),
    campaign: str = typer.Option(..., "--campaign", help=_CAMPAIGN_HELP),
    lang: str | None = typer.Option(
        None, "--lang", help="fr or en (default: the creator's language)."
    ),
    send: bool = typer.Option(False, "--send", help="Send it by email now and log the touch."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Write a short, personal first message to a creator (and send it with --send)."""
    tr = translator(language)
    settings = app().settings
    with workspace_session(workspace) as (session, workspace_id):
        try:
            opportunity_id, name = _opportunity(session, workspace_id, ref, campaign)
            opportunity = outreach.get_opportunity(
                session, workspace_id=workspace_id, opportunity_id=opportunity_id
            )
            sender = outreach.workspace_sender(session, workspace_id=workspace_id)
            made = outreach.draft_message(
                session,
                workspace_id=workspace_id,
                campaign_id=opportunity.campaign_id,
                creator_id=opportunity.creator_id,
                sender_name=sender.name or sender.email.split("@")[0].title(),
                language=lang,
            )
            touch = None
            if send:
                touch = outreach.send_email(
                    session,
                    settings,
                    workspace_id=workspace_id,
                    opportunity_id=opportunity_id,
                    subject=made.subject,
                    body=made.body,
                    sender=sender,
                    wait=time.sleep,
                )
            stage = opportunity.stage
        except (MessageError, creators.NotFound) as error:
            session.rollback()
            say_error(tr, error)
    if json_:
        data = asdict(made)
        data["warnings"] = [tr.say(w) for w in made.warnings]
        data["sent"] = touch is not None
        data["recipient"] = touch.recipient if touch else None
        print_json(data)
        return
    latest = tr.t("outreach.cli.draft_latest", title=made.latest) if made.latest else ""
    header = tr.t(
        "outreach.cli.draft_to",
        creator=name,
        language=made.language,
        words=made.words,
        count=made.words,
        latest=latest,
    )
    _say(header, style="dim")
    _say(made.subject, style="bold")
    _say("\n" + made.body)
    for warning in made.warnings:
        errors.print(tr.t("outreach.cli.warning"), tr.say(warning), markup=False, highlight=False)
    if touch is not None:
        _say(
            "\n"
            + tr.t(
                "outreach.cli.sent",
                recipient=touch.recipient,
                creator=name,
                stage=tr.t(f"outreach.stage.{stage}"),
            )
        )


def due(
    campaign: str | None = typer.Option(None, "--campaign", help=_CAMPAIGN_HELP),
    days: int = typer.Option(0, "--days", help="Also show what falls due in the next N days."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Today's follow-ups and the creators waiting on us."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            campaign_id = (
                campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign).id
                if campaign
                else None
            )
        except MessageError as error:
            say_error(tr, error)
        items = outreach.due_list(
            session, workspace_id=workspace_id, campaign_id=campaign_id, upcoming_days=max(days, 0)
        )
    if json_:
        print_json([asdict(i) for i in items])
        return
    if not items:
        _say(tr.t("outreach.cli.nothing_due"))
        return
    table = Table()
    for key in ("due", "creator", "campaign", "action"):
        table.add_column(tr.t(f"outreach.cli.col.{key}"))
    for item in items:
        who = item.creator + (f" @{item.handle}" if item.handle else "")
        action = tr.t(f"outreach.due.{item.kind}", number=item.follow_up_number or 1)
        table.add_row(tr.date(item.due_at), who, item.campaign, action)
    console.print(table)


def touch(
    ref: str = typer.Argument(..., help=_REF_HELP),
    campaign: str = typer.Option(..., "--campaign", help=_CAMPAIGN_HELP),
    channel: str = typer.Option(
        ...,
        "--channel",
        help="instagram_dm, tiktok_dm, email, agent_email, phone, in_person or other.",
    ),
    received: bool = typer.Option(False, "--received", help="They wrote to us (a reply)."),
    note: str | None = typer.Option(None, "--note", help="What was said, in short."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Log a DM, call, meeting or reply that happened outside Influent."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            try:
                chosen = Channel(channel.strip().lower())
            except ValueError:
                raise MessageError(
                    "outreach.error.unknown_channel",
                    channel=channel,
                    channels=", ".join(c.value for c in Channel),
                ) from None
            opportunity_id, name = _opportunity(session, workspace_id, ref, campaign)
            direction = Direction.IN if received else Direction.OUT
            outreach.log_touch(
                session,
                workspace_id=workspace_id,
                opportunity_id=opportunity_id,
                channel=chosen,
                direction=direction,
                content=note,
                at=datetime.now(UTC),
            )
            stage = outreach.get_opportunity(
                session, workspace_id=workspace_id, opportunity_id=opportunity_id
            ).stage
        except (MessageError, creators.NotFound) as error:
            session.rollback()
            say_error(tr, error)
    _say(
        tr.t(
            "outreach.cli.touch_logged",
            channel=tr.t(f"outreach.channel.{chosen.value}"),
            direction=tr.t(f"outreach.cli.direction.{direction.value}"),
            creator=name,
            stage=tr.t(f"outreach.stage.{stage}"),
        )
    )


@contact_cli.command("add")
def contact_add(
    ref: str = typer.Argument(..., help=_REF_HELP),
    kind: str = typer.Argument(..., help="email, instagram_dm, tiktok_dm, phone or website_form."),
    value: str = typer.Argument(..., help="The address, handle, number or form URL."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Add a confirmed contact point to a creator."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            try:
                chosen = ContactKind(kind.strip().lower())
            except ValueError:
                raise MessageError(
                    "outreach.error.unknown_channel",
                    channel=kind,
                    channels=", ".join(k.value for k in ContactKind),
                ) from None
            creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            point = outreach.add_contact_point(
                session, workspace_id=workspace_id, creator_id=creator.id, kind=chosen, value=value
            )
            saved = point.value
        except (MessageError, creators.NotFound) as error:
            session.rollback()
            say_error(tr, error)
    _say(tr.t("outreach.cli.contact_added", kind=chosen.value, value=saved))


@contact_cli.command("list")
def contact_list(
    ref: str = typer.Argument(..., help=_REF_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """A creator's contact points, with the hints the sources found awaiting confirmation."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
        except creators.NotFound as error:
            say_error(tr, error)
        outreach.collect_hints(session, workspace_id=workspace_id, creator_id=creator.id)
        points = outreach.contact_points(session, workspace_id=workspace_id, creator_id=creator.id)
    if json_:
        print_json([asdict(p) for p in points])
        return
    if not points:
        _say(tr.t("outreach.cli.no_contacts"))
    for p in points:
        state = "✓" if p.confirmed else tr.t("outreach.cli.contact_unconfirmed", id=p.id)
        _say(tr.t("outreach.cli.contact_line", id=p.id, kind=p.kind, value=p.value, state=state))


@contact_cli.command("confirm")
def contact_confirm(
    point_id: int = typer.Argument(
        ..., help="The contact point's number, from `influent contact list`."
    ),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Confirm a contact point the sources found."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            point = outreach.confirm_contact_point(
                session, workspace_id=workspace_id, point_id=point_id
            )
            kind, value = point.kind, point.value
        except MessageError as error:
            say_error(tr, error)
    _say(tr.t("outreach.cli.contact_confirmed", kind=kind, value=value))
