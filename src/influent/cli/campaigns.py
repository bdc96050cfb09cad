"""`influent campaign …`, `influent funnel` and `influent plan`: campaigns and their numbers.

Every sentence comes from the catalogs, in the language of `--locale` (else
INFLUENT_DEFAULT_LOCALE); `--json` prints the same data without sentences.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, app, console, print_json, workspace_session
from influent.cli.speech import Language, fail_with, translator
from influent.domain.messages import MessageError
from influent.domain.planner import Plan
from influent.services import campaigns, creators, outreach
from influent.services.i18n import Translator

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["campaign_cli", "funnel", "plan", "say_error"]

campaign_cli = typer.Typer(help="Create campaigns and put creators in them.", no_args_is_help=True)

LOCALE_HELP = "Language of the output, en or fr (default: INFLUENT_DEFAULT_LOCALE)."
_CAMPAIGN_HELP = "Campaign name, slug or #id."


def say_error(tr: Translator, error: Exception) -> NoReturn:
    """Bad input: the sentence on standard error, exit code 2."""
    fail_with(tr, error.message if isinstance(error, MessageError) else str(error), 2)


def campaign_or_fail(
    session: Session, workspace_id: int, ref: str, tr: Translator
) -> campaigns.Campaign:
    """The campaign `ref` names, or its refusal on standard error and exit code 2."""
    try:
        return campaigns.find_campaign(session, workspace_id=workspace_id, ref=ref)
    except MessageError as error:
        say_error(tr, error)


def parse_day(tr: Translator, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        say_error(tr, MessageError("outreach.error.date", value=value))


def _minor(tr: Translator, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        amount = Decimal(value.strip().replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        say_error(tr, MessageError("outreach.error.budget", value=value))
    if not amount.is_finite():
        say_error(tr, MessageError("outreach.error.budget", value=value))
    return int(amount * 100)


@campaign_cli.command("create")
def create(
    name: str = typer.Argument(..., help="The campaign's name (its slug becomes utm_campaign)."),
    goal: str = typer.Option("sales", "--goal", help="sales or branding."),
    budget: str | None = typer.Option(None, "--budget", help="Budget in the currency, e.g. 1500."),
    currency: str | None = typer.Option(
        None, "--currency", help="ISO currency (default: the workspace's)."
    ),
    landing: str | None = typer.Option(None, "--landing", help="Landing page URL."),
    brief: str | None = typer.Option(
        None, "--brief", help="What the brand does and wants, in a few lines."
    ),
    starts: str | None = typer.Option(None, "--starts", help="First day, YYYY-MM-DD."),
    ends: str | None = typer.Option(None, "--ends", help="Last day, YYYY-MM-DD."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Create a campaign."""
    tr = translator(language)
    budget_minor = _minor(tr, budget)
    starts_on, ends_on = parse_day(tr, starts), parse_day(tr, ends)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            made = campaigns.create_campaign(
                session,
                workspace_id=workspace_id,
                name=name,
                goal=goal,
                budget_minor=budget_minor,
                currency=currency,
                landing_url=landing,
                brief=brief,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        except MessageError as error:
            session.rollback()
            say_error(tr, error)
        data = {"id": made.id, "name": made.name, "slug": made.slug, "goal": made.goal}
    if json_:
        print_json(data)
        return
    console.print(tr.t("outreach.cli.campaign_created", **data), markup=False, highlight=False)


@campaign_cli.command("add")
def add(
    campaign: str = typer.Argument(..., help=_CAMPAIGN_HELP),
    refs: list[str] = typer.Argument(..., help="@handle, platform:handle, profile URL or #id."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Put creators in a campaign, at the 'identified' stage."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
            ids = [
                creators.resolve_creator(session, workspace_id=workspace_id, ref=r).id for r in refs
            ]
            added = outreach.add_to_campaign(
                session, workspace_id=workspace_id, campaign_id=found.id, creator_ids=ids
            )
        except (MessageError, creators.NotFound) as error:
            session.rollback()
            say_error(tr, error)
        data = {
            "campaign": found.name,
            "added": [o.creator_id for o in added],
            "skipped": len(set(ids)) - len(added),
        }
    if json_:
        print_json(data)
        return
    console.print(
        tr.t(
            "outreach.cli.added",
            added=tr.t("outreach.cli.added_count", count=len(data["added"])),  # type: ignore[arg-type]
            skipped=tr.t("outreach.cli.skipped_count", count=data["skipped"]),
            campaign=found.name,
        ),
        markup=False,
        highlight=False,
    )


@campaign_cli.command("list")
def list_(
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """List the workspace's campaigns."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        rows = [
            {"id": c.id, "name": c.name, "slug": c.slug, "goal": c.goal}
            for c in campaigns.list_campaigns(session, workspace_id=workspace_id)
        ]
    if json_:
        print_json(rows)
        return
    if not rows:
        console.print(tr.t("outreach.cli.no_campaigns"), markup=False)
        return
    table = Table()
    for key in ("campaign", "goal"):
        table.add_column(tr.t(f"outreach.cli.col.{key}"))
    for row in rows:
        table.add_row(f"{row['name']} (#{row['id']})", str(row["goal"]))
    console.print(table)


@campaign_cli.command("rule")
def rule(
    campaign: str = typer.Argument(..., help=_CAMPAIGN_HELP),
    after: int = typer.Option(4, "--after", help="Days without a reply before a follow-up."),
    max_: int = typer.Option(2, "--max", help="Follow-ups at most."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Set a campaign's follow-up rule (default: 4 days, 2 follow-ups)."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign)
            outreach.set_follow_up_rule(
                session,
                workspace_id=workspace_id,
                campaign_id=found.id,
                after_days=after,
                max_follow_ups=max_,
            )
        except MessageError as error:
            session.rollback()
            say_error(tr, error)
        name = found.name
    console.print(
        tr.t(
            "outreach.cli.rule_set",
            campaign=name,
            after=tr.t("outreach.cli.rule_days", count=after),
            times=tr.t("outreach.cli.rule_times", count=max_),
        ),
        markup=False,
        highlight=False,
    )


def _rate(tr: Translator, value: float | None) -> str:
    return "—" if value is None else tr.pct(value, 0)


def funnel(
    campaign: str = typer.Argument(..., help=_CAMPAIGN_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """The campaign's funnel: conversion at each stage, by channel and tier, median days."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        found = campaign_or_fail(session, workspace_id, campaign, tr)
        report = outreach.funnel(session, workspace_id=workspace_id, campaign_id=found.id)
        name = found.name
    if json_:
        print_json(
            {
                "campaign": name,
                "overall": asdict(report.overall),
                "by_channel": [asdict(g) for g in report.by_channel],
                "by_tier": [asdict(g) for g in report.by_tier],
            }
        )
        return
    overall = report.overall
    console.print(
        tr.t("outreach.cli.funnel_title", campaign=name, total=overall.total, count=overall.total),
        style="bold",
        markup=False,
        highlight=False,
    )
    table = Table()
    for key in ("stage", "reached", "conversion", "median_days"):
        table.add_column(
            tr.t(f"outreach.cli.col.{key}"), justify="left" if key == "stage" else "right"
        )
    for stage, reached in overall.reached.items():
        days = overall.median_days.get(stage)
        table.add_row(
            tr.t(f"outreach.stage.{stage}"),
            tr.num(reached),
            _rate(tr, overall.conversion.get(stage)),
            "—" if days is None else tr.num(days, 1),
        )
    console.print(table)
    for group, groups in (("channel", report.by_channel), ("tier", report.by_tier)):
        sub = Table(title=tr.t("outreach.cli.funnel_by", group=tr.t(f"outreach.cli.group.{group}")))
        sub.add_column("")
        for stage in ("contacted", "replied", "deal"):
            sub.add_column(tr.t(f"outreach.stage.{stage}"), justify="right")
        for g in groups:
            label = tr.t(f"outreach.family.{g.label}") if group == "channel" else g.label
            sub.add_row(label, *(tr.num(g.reached[s]) for s in ("contacted", "replied", "deal")))
        console.print(sub)
    if overall.lost:
        reasons = ", ".join(
            f"{tr.t('outreach.lost_reason.' + k)} {v}" for k, v in overall.lost.items()
        )
        console.print(tr.t("outreach.cli.lost", reasons=reasons), markup=False, highlight=False)


def _day(tr: Translator, day: date) -> str:
    return tr.date(datetime.combine(day, time(12), tzinfo=UTC))


def plan_dict(result: Plan) -> dict[str, Any]:
    data = asdict(result)
    data["by"] = result.by.isoformat()
    data["contact_by"] = result.contact_by.isoformat()
    return data


def plan(
    deals: int = typer.Option(..., "--deals", help="Deals to sign."),
    by: str = typer.Option(..., "--by", help="Date to sign them by, YYYY-MM-DD."),
    campaign: str | None = typer.Option(None, "--campaign", help=_CAMPAIGN_HELP),
    follow_ups: bool | None = typer.Option(
        None,
        "--follow-ups/--no-follow-ups",
        help="Count on follow-ups (default: yes with a campaign).",
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """How many creators to contact to sign N deals by a date (50% and 90% plans)."""
    tr = translator(language)
    deadline = parse_day(tr, by)
    assert deadline is not None
    settings = app().settings
    with workspace_session(workspace) as (session, workspace_id):
        try:
            campaign_id = (
                campaigns.find_campaign(session, workspace_id=workspace_id, ref=campaign).id
                if campaign
                else None
            )
            result = outreach.plan(
                session,
                workspace_id=workspace_id,
                deals=deals,
                by=deadline,
                today=date.today(),
                campaign_id=campaign_id,
                follow_ups=follow_ups,
                daily_cap=settings.outreach_daily_cap,
            )
        except MessageError as error:
            say_error(tr, error)
    if json_:
        print_json(plan_dict(result))
        return
    _print_plan(tr, result)


def _print_plan(tr: Translator, result: Plan) -> None:
    def say(code: str, **params: Any) -> None:
        console.print(tr.t(code, **params), markup=False, highlight=False)

    say(
        "outreach.cli.plan",
        deals=result.deals,
        count=result.deals,
        by=_day(tr, result.by),
        creators=tr.t("outreach.cli.plan_creators", count=result.contact_for_50),
        for_90=tr.num(result.contact_for_90),
    )
    source = (
        tr.t("outreach.cli.plan_source.history", n=result.history_size)
        if result.source == "history"
        else tr.t("outreach.cli.plan_source.prior")
    )
    say(
        "outreach.cli.plan_rates",
        source=source,
        reply=tr.pct(result.reply_rate, 0),
        deal=tr.pct(result.deal_rate, 0),
        days=round(result.days_to_deal),
        count=round(result.days_to_deal),
    )
    if result.follow_ups and result.source == "prior":
        say("outreach.cli.plan_follow_ups", lift=tr.pct(result.rates["follow_up_lift"], 0))
    if result.too_late:
        say(
            "outreach.cli.plan_too_late",
            days=round(result.days_to_deal),
            count=round(result.days_to_deal),
            by=_day(tr, result.by),
        )
        return
    say(
        "outreach.cli.plan_pace",
        contact_by=_day(tr, result.contact_by),
        per_day_50=result.per_day_50,
        per_day_90=result.per_day_90,
    )
    if result.over_cap:
        say("outreach.cli.plan_over_cap", cap=result.daily_cap)
