"""`influent audit`, `influent history` and `influent audience`: vetting from the terminal.

Every word people read comes from the catalogs (`cli.*` messages, and the analysis' messages),
in the language of `--locale`, else of INFLUENT_DEFAULT_LOCALE (see `cli.speech`). `--json`
output is the same data in every language but its sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.table import Table
from rich.text import Text

from influent.cli.common import WORKSPACE_HELP, console, errors, fail, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP, Language, fail_with, locale_of
from influent.domain.messages import Message
from influent.services import creators
from influent.services import vetting as service
from influent.services.i18n import Translator

__all__ = ["audience_cli", "audit", "history"]

audience_cli = typer.Typer(help="Audit a sample of an account's followers.", no_args_is_help=True)

_REF_HELP = "@handle, platform:handle, profile URL or #id."
_LOCALE_HELP = LOCALE_HELP
_locale = locale_of


def _say(text: str, *, style: str | None = None) -> None:
    # Plain text: a bracket in a handle or a sentence is not Rich markup.
    console.print(text, style=style, markup=False, highlight=False)


def _fail(tr: Translator, message: Message, code: int = 1) -> NoReturn:
    fail_with(tr, message, code)


def _count(tr: Translator, value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = tr.num(round(value))
    return "+" + text if signed and value >= 0 else text


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def _median(tr: Translator, kind: str, value: float | None) -> str:
    """A median per post with its noun: "1 like", "12 comments", "— views"."""
    return tr.t(f"vetting.median.{kind}", value=_count(tr, value), count=_rounded(value))


def _pct(tr: Translator, value: float | None, digits: int = 2) -> str:
    return "—" if value is None else tr.pct(value, digits)


def _sample_share(tr: Translator, sample: Path | None) -> float | None:
    if sample is None:
        return None
    try:
        return service.audit_follower_sample(sample).fake_share
    except service.SampleRefused as error:
        fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    except service.SampleError as error:
        _fail(tr, error.message, 2)


def audit(
    ref: str = typer.Argument(..., help=_REF_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    sample: Path | None = typer.Option(
        None, "--sample", help="A CSV of sampled followers: adds the fake-follower signal."
    ),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Audit a creator: engagement, growth, follower events and the audience-quality score."""
    locale = _locale(language)
    tr = Translator(locale)
    fake_share = _sample_share(tr, sample)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            result = service.audit_creator(
                session,
                workspace_id=workspace_id,
                creator_id=creator.id,
                locale=locale,
                fake_share=fake_share,
            )
        except creators.NotFound as error:
            _fail(tr, error.message)
    if json_:
        print_json(service.audit_to_dict(result))
        return
    _print_audit(tr, result)


def _print_audit(tr: Translator, result: service.CreatorAudit) -> None:
    main = result.main
    console.print(Text.assemble((result.name, "bold"), f" (#{result.creator_id})"))
    if main is None:
        _say(tr.say(result.reason))
        return
    a = main.account
    source = (
        tr.t("cli.audit.from_profile")
        if main.followers_from == "profile"
        else tr.t("cli.audit.from_snapshot", date=tr.date(main.followers_from))
    )
    _say(
        tr.t(
            "cli.audit.followers",
            platform=tr.label("platform", a.platform),
            handle=a.handle,
            followers=_count(tr, main.followers),
            count=_rounded(main.followers),
            source=source,
        )
    )
    quality = main.quality
    score = "—" if quality.score is None else f"{quality.score}/100"
    _say("\n" + tr.t("cli.audit.quality", score=score), style="bold")
    _say(tr.say(quality.note))
    table = Table()
    table.add_column(tr.t("cli.audit.col.signal"), no_wrap=True)
    table.add_column(tr.t("cli.audit.col.value"), no_wrap=True, justify="right")
    table.add_column(tr.t("cli.audit.col.benchmark"))
    table.add_column(tr.t("cli.audit.col.weight"), no_wrap=True, justify="right")
    table.add_column(tr.t("cli.audit.col.points"), no_wrap=True, justify="right")
    table.add_column(tr.t("cli.audit.col.why"))
    for s in quality.signals:
        table.add_row(
            tr.label("cli.signal", s.name),
            service.signal_value(s, result.locale),
            tr.say(s.benchmark),
            tr.num(s.weight),
            tr.num(s.points, 1),
            tr.say(s.sentence),
        )
    console.print(table)
    if quality.missing:
        _say(tr.t("cli.audit.missing"), style="bold")
        for m in quality.missing:
            item = tr.t(
                "vetting.missing_item",
                signal=tr.label("cli.signal", m.name),
                weight=tr.num(m.weight),
                reason=tr.say(m.reason),
            )
            _say(f"  {item}")
    _print_metrics(tr, main)
    for other in result.accounts[1:]:
        other_score = other.quality.score
        _say(
            tr.t(
                "cli.audit.also",
                platform=tr.label("platform", other.account.platform),
                handle=other.account.handle,
                followers=_count(tr, other.followers),
                count=_rounded(other.followers),
                engagement=_pct(tr, other.engagement.value),
                score="—" if other_score is None else other_score,
            )
        )


def _print_metrics(tr: Translator, main: service.AccountAudit) -> None:
    er = main.engagement
    lines = [
        tr.t(
            "cli.audit.engagement",
            rate=_pct(tr, er.value),
            how=tr.say(er.reason or er.method),
            count=er.posts_used,
        )
    ]
    tier = main.tier
    if isinstance(tier, service.TierPercentile):
        b = tier.benchmark
        top = "+" if b.followers_max is None else "–" + tr.num(b.followers_max)
        tier_line = tr.t(
            "cli.audit.tier",
            range=tr.num(b.followers_min) + top,
            median=_pct(tr, b.median_er),
            percentile=tr.num(tier.percentile, 0),
            source=b.source,
        )
        lines += [f"  {tier_line}", f"  {tr.say(tier.assumption)}"]
    elif tier is not None:
        lines.append("  " + tr.t("cli.audit.no_tier", reason=tr.say(tier.reason)))
    avg = main.averages
    lines.append(
        tr.t(
            "cli.audit.averages",
            likes=_median(tr, "likes", avg.likes.median),
            comments=_median(tr, "comments", avg.comments.median),
            views=_median(tr, "views", avg.views.median),
        )
    )
    trend = main.trend
    change = _pct(tr, trend.change, 1) if trend.change is not None else tr.say(trend.reason)
    lines.append(tr.t("cli.audit.trend", trend=change))
    ctl = main.comments_to_likes
    ratio = _pct(tr, ctl.value) + (f" ({tr.say(ctl.reason)})" if ctl.reason else "")
    lines.append(tr.t("cli.audit.comments_to_likes", ratio=ratio))
    rhythm = main.cadence
    lines.append(
        tr.t(
            "cli.audit.cadence",
            count=round(rhythm.posts_per_week, 1),
            days=rhythm.window_days,
            regularity=tr.num(rhythm.gap_cv, 2)
            if rhythm.gap_cv is not None
            else tr.say(rhythm.reason),
        )
    )
    for g in main.growth:
        grown = (
            f"{_count(tr, g.change, True)} ({_pct(tr, g.change_pct, 1)})"
            if g.change is not None
            else tr.say(g.reason)
        )
        lines.append(tr.t("cli.audit.growth", days=g.days, change=grown, count=g.days))
    lines.append(
        tr.t(
            "cli.audit.sponsored",
            share=_pct(tr, main.sponsored.share, 0),
            posts=main.sponsored.posts_used,
            lacking=len(main.disclosure.lacking),
            total=main.disclosure.sponsored_posts,
            rule=tr.say(main.disclosure.rule),
        )
    )
    for post in main.disclosure.lacking:
        lines.append(f"  {post.published_at.date()} {post.url or post.external_id}")
    _say("\n" + "\n".join(lines))
    _print_events(tr, main.events, main.change_points.reason)


def _print_events(
    tr: Translator, events: tuple[service.EventExplanation, ...], reason: Message | None
) -> None:
    if reason:
        _say(tr.t("cli.events.reason", reason=tr.say(reason)))
        return
    if not events:
        _say(tr.t("cli.events.none"))
        return
    _say(tr.t("cli.events.title"), style="bold")
    for number, explained in enumerate(events, start=1):
        _say(f"  {number}. {tr.say(explained.sentence)}")
        for post in explained.posts:
            title = post.title or (post.caption or "")[:60] or post.external_id
            _say(f"     {title} {post.url or ''}".rstrip())


def history(
    ref: str = typer.Argument(..., help=_REF_HELP),
    chart: Path | None = typer.Option(
        None, "--chart", help="Write the chart to this file (.png, or .svg)."
    ),
    days: int = typer.Option(service.HISTORY_DAYS, min=14, help="Days of history to show."),
    json_: bool = typer.Option(False, "--json", help="Print JSON with the daily series."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Show a creator's follower history by week and explain its abnormal jumps and drops."""
    locale = _locale(language)
    tr = Translator(locale)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            creator = creators.resolve_creator(session, workspace_id=workspace_id, ref=ref)
            found = service.history(
                session, workspace_id=workspace_id, creator_id=creator.id, days=days, locale=locale
            )
        except creators.NotFound as error:
            _fail(tr, error.message)
    if chart is not None:
        fmt: service.charts.ChartFormat = "svg" if chart.suffix.lower() == ".svg" else "png"
        try:
            chart.write_bytes(service.charts.history_chart(found, fmt=fmt))
        except OSError as error:
            message = tr.t("cli.cannot_write", file=chart, why=error.strerror)
            fail(message, 2, label=tr.t("cli.error"))
    if json_:
        print_json(service.history_to_dict(found))
        return
    table = Table(
        tr.t("cli.history.col.week"),
        tr.t("cli.history.col.followers"),
        tr.t("cli.history.col.gain"),
    )
    for row in found.weekly():
        table.add_row(
            row.week_start.isoformat(), _count(tr, row.followers), _count(tr, row.gain, True)
        )
    platform = tr.label("platform", found.account.platform)
    console.print(Text.assemble((found.account.handle, "bold"), f" ({platform})"))
    if found.points:
        console.print(table)
    _print_events(tr, found.events, found.change_points.reason)
    if chart is not None:
        errors.print(tr.t("cli.chart_written", file=chart), markup=False, highlight=False)


@audience_cli.command("audit")
def audience_audit(
    file: Path = typer.Argument(..., help="CSV of sampled followers, one row per follower."),
    creator: str | None = typer.Option(
        None,
        "--creator",
        help="Keep the result with this creator ("
        + _REF_HELP
        + "), as their fake-follower signal.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=_LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Estimate which sampled followers are fake and the audience's fake share."""
    tr = Translator(_locale(language))
    attached: service.StoredAudit | None = None
    if creator is not None:
        # Check the creator first, so a mistyped handle costs no audit.
        with workspace_session(workspace) as (session, workspace_id):
            try:
                creators.resolve_creator(session, workspace_id=workspace_id, ref=creator)
            except creators.NotFound as error:
                _fail(tr, error.message, 2)
    try:
        result = service.audit_follower_sample(file)
    except service.SampleRefused as error:
        fail(tr.say(error.message), 2, label=tr.t("cli.error"))
    except service.SampleError as error:
        _fail(tr, error.message, 2)
    if creator is not None:
        with workspace_session(workspace) as (session, workspace_id):
            attached = service.attach_follower_audit(
                session,
                workspace_id=workspace_id,
                creator=creator,
                result=result,
                file_name=file.name,
            )
    for problem in result.problems:
        errors.print(
            tr.t(
                "cli.audience.problem",
                row=problem.row,
                column=problem.column,
                reason=tr.problem(problem),
            ),
            markup=False,
            highlight=False,
        )
    if json_:
        data = result.to_json(tr.say)
        if attached is not None:
            data["attached_to"] = {
                "creator_id": attached.creator_id,
                "name": attached.creator_name,
                "audited_at": attached.audited_at.isoformat(),
            }
        print_json(data)
        return
    if attached is not None:
        _say(
            tr.t(
                "cli.audience.attached",
                name=attached.creator_name,
                date=tr.date(attached.audited_at),
            ),
            style="bold",
        )
    low, high = result.interval
    share = tr.t("cli.audience.share", share=_pct(tr, result.fake_share, 0))
    interval = tr.t(
        "cli.audience.interval",
        low=_pct(tr, low, 0),
        high=_pct(tr, high, 0),
        count=len(result.accounts),
    )
    console.print(Text.assemble((share, "bold"), " ", interval), highlight=False)
    if result.skipped_rows:
        _say(tr.t("cli.audience.skipped", rows=", ".join(map(str, result.skipped_rows))))
    named = any(a.username for a in result.accounts)
    table = Table(
        tr.t("cli.audience.col.username") if named else tr.t("cli.audience.col.row"),
        tr.t("cli.audience.col.probability"),
        tr.t("cli.audience.col.fake"),
        tr.t("cli.audience.col.reasons"),
    )
    for a in result.accounts:
        table.add_row(
            (a.username or "—") if named else str(a.row),
            tr.num(a.fake_probability, 2),
            tr.t("cli.audience.yes") if a.is_fake else tr.t("cli.audience.no"),
            tr.t("list.separator").join(tr.say(reason) for reason in a.reasons),
        )
    console.print(table)
    _say(tr.say(result.method), style="dim")
    for line in service.rates_sentences(result, tr):
        _say(line, style="dim")
