"""`influent audit`, `influent history` and `influent audience`: vetting from the terminal."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from influent.cli.common import console, errors, fail, print_json, workspace_session
from influent.domain.quality import Locale
from influent.services import charts
from influent.services import vetting as service
from influent.services.creators import NotFound, resolve_creator

__all__ = ["audience_cli", "audit", "history"]

audience_cli = typer.Typer(help="Audit a sample of an account's followers.", no_args_is_help=True)

_REF_HELP = "@handle, platform:handle, profile URL or #id."


class Language(StrEnum):
    EN = "en"
    FR = "fr"


def _locale(language: Language) -> Locale:
    return "fr" if language is Language.FR else "en"


def _pct(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}%}"


def _count(value: int | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+,}" if signed else f"{value:,}"


def _sample_share(sample: Path | None) -> float | None:
    if sample is None:
        return None
    try:
        return service.audit_follower_sample(sample).fake_share
    except service.SampleError as error:
        fail(str(error), 2)


def audit(
    ref: str = typer.Argument(..., help=_REF_HELP),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    sample: Path | None = typer.Option(
        None, "--sample", help="A CSV of sampled followers: adds the fake-follower signal."
    ),
    locale: Language = typer.Option(Language.EN, "--locale", help="Language of the sentences."),
) -> None:
    """Audit a creator: engagement, growth, follower events and the audience-quality score."""
    fake_share = _sample_share(sample)
    with workspace_session() as (session, workspace_id):
        try:
            creator = resolve_creator(session, workspace_id=workspace_id, ref=ref)
            result = service.audit_creator(
                session,
                workspace_id=workspace_id,
                creator_id=creator.id,
                locale=_locale(locale),
                fake_share=fake_share,
            )
        except NotFound as error:
            fail(str(error))
    if json_:
        print_json(service.audit_to_dict(result))
        return
    _print_audit(result)


def _print_audit(result: service.CreatorAudit) -> None:
    main = result.main
    console.print(f"[bold]{result.name}[/] (#{result.creator_id})", highlight=False)
    if main is None:
        console.print(result.reason or "", highlight=False)
        return
    fr = result.locale == "fr"
    a = main.account
    console.print(
        f"{a.platform} {a.handle} · {_count(main.followers)} followers ({main.followers_from})",
        highlight=False,
    )
    quality = main.quality
    score = "—" if quality.score is None else f"{quality.score}/100"
    console.print(f"\n[bold]Audience quality: {score}[/]", highlight=False)
    console.print(quality.note_fr if fr else quality.note_en, highlight=False)
    table = Table()
    table.add_column("Signal", no_wrap=True)
    table.add_column("Value", no_wrap=True, justify="right")
    table.add_column("Benchmark")
    table.add_column("Weight", no_wrap=True, justify="right")
    table.add_column("Points", no_wrap=True, justify="right")
    table.add_column("Why")
    for s in quality.signals:
        table.add_row(
            s.name.replace("_", " "),
            service.signal_value(s, result.locale),
            s.benchmark_in(result.locale),
            f"{s.weight:g}",
            f"{s.points:.1f}",
            s.sentence_fr if fr else s.sentence_en,
        )
    console.print(table)
    if quality.missing:
        console.print("[bold]Missing data[/]")
        for m in quality.missing:
            reason = m.reason_fr if fr else m.reason_en
            console.print(f"  {m.name.replace('_', ' ')} (weight {m.weight:g}): {reason}")
    _print_metrics(main)
    for other in result.accounts[1:]:
        console.print(
            f"Also {other.account.platform} {other.account.handle}: "
            f"{_count(other.followers)} followers, engagement {_pct(other.engagement.value)}, "
            f"score {other.quality.score if other.quality.score is not None else '—'}",
            highlight=False,
        )


def _print_metrics(main: service.AccountAudit) -> None:
    er = main.engagement
    lines = [f"Engagement rate: {_pct(er.value)} ({er.reason or er.method}, {er.posts_used} posts)"]
    tier = main.tier
    if isinstance(tier, service.TierPercentile):
        lines.append(
            f"  tier {tier.benchmark.range_label}: median {_pct(tier.benchmark.median_er)}, "
            f"percentile {tier.percentile:.0f} ({tier.benchmark.source})"
        )
    elif tier is not None:
        lines.append(f"  no tier benchmark: {tier.reason}")
    avg = main.averages
    lines.append(
        f"Median per post: {_count(_int(avg.likes.median))} likes, "
        f"{_count(_int(avg.comments.median))} comments, {_count(_int(avg.views.median))} views"
    )
    trend = main.trend
    lines.append(
        f"Engagement trend: {_pct(trend.change, 1) if trend.change is not None else trend.reason}"
    )
    ctl = main.comments_to_likes
    lines.append(
        f"Comments per like: {_pct(ctl.value)}" + (f" ({ctl.reason})" if ctl.reason else "")
    )
    rhythm = main.cadence
    regularity = f"{rhythm.gap_cv:.2f}" if rhythm.gap_cv is not None else rhythm.reason
    lines.append(
        f"Cadence: {rhythm.posts_per_week:.1f} posts a week over {rhythm.window_days} days, "
        f"gap variation {regularity}"
    )
    for g in main.growth:
        change = (
            f"{_count(g.change, True)} ({_pct(g.change_pct, 1)})"
            if g.change is not None
            else g.reason
        )
        lines.append(f"Growth {g.days} days: {change}")
    sponsored = main.sponsored
    lines.append(
        f"Sponsored posts: {_pct(sponsored.share, 0)} of {sponsored.posts_used}; "
        f"{len(main.disclosure.lacking)} of {main.disclosure.sponsored_posts} lack the mention "
        f"French law requires ({main.disclosure.rule})"
    )
    for post in main.disclosure.lacking:
        lines.append(f"  {post.published_at.date()} {post.url or post.external_id}")
    console.print("\n" + "\n".join(lines), highlight=False)
    _print_events(main.events, main.change_points.reason)


def _int(value: float | None) -> int | None:
    return None if value is None else round(value)


def _print_events(events: tuple[service.EventExplanation, ...], reason: str | None) -> None:
    if reason:
        console.print(f"Follower events: {reason}", highlight=False)
        return
    if not events:
        console.print("Follower events: none abnormal.")
        return
    console.print("[bold]Follower events[/]")
    for number, explained in enumerate(events, start=1):
        console.print(f"  {number}. {explained.sentence}", highlight=False)
        for post in explained.posts:
            title = post.title or (post.caption or "")[:60] or post.external_id
            console.print(f"     {title} {post.url or ''}".rstrip(), highlight=False)


def history(
    ref: str = typer.Argument(..., help=_REF_HELP),
    chart: Path | None = typer.Option(
        None, "--chart", help="Write the chart to this file (.png, or .svg)."
    ),
    days: int = typer.Option(service.HISTORY_DAYS, min=14, help="Days of history to show."),
    json_: bool = typer.Option(False, "--json", help="Print JSON with the daily series."),
    locale: Language = typer.Option(Language.EN, "--locale", help="Language of the sentences."),
) -> None:
    """Show a creator's follower history by week and explain its abnormal jumps and drops."""
    with workspace_session() as (session, workspace_id):
        try:
            creator = resolve_creator(session, workspace_id=workspace_id, ref=ref)
            found = service.history(
                session,
                workspace_id=workspace_id,
                creator_id=creator.id,
                days=days,
                locale=_locale(locale),
            )
        except NotFound as error:
            fail(str(error))
    if chart is not None:
        fmt: charts.ChartFormat = "svg" if chart.suffix.lower() == ".svg" else "png"
        try:
            chart.write_bytes(charts.history_chart(found, fmt=fmt))
        except OSError as error:
            fail(f"cannot write {chart}: {error.strerror}.", 2)
    if json_:
        print_json(service.history_to_dict(found))
        return
    table = Table("Week of", "Followers", "Gain")
    for row in found.weekly():
        table.add_row(row.week_start.isoformat(), _count(row.followers), _count(row.gain, True))
    console.print(f"[bold]{found.account.handle}[/] ({found.account.platform})", highlight=False)
    if found.points:
        console.print(table)
    _print_events(found.events, found.change_points.reason)
    if chart is not None:
        errors.print(f"Chart written to {chart}.", highlight=False)


@audience_cli.command("audit")
def audience_audit(
    file: Path = typer.Argument(..., help="CSV of sampled followers, one row per follower."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Estimate which sampled followers are fake and the audience's fake share."""
    try:
        result = service.audit_follower_sample(file)
    except service.SampleError as error:
        fail(str(error), 2)
    for problem in result.problems:
        errors.print(
            f"Row {problem.row}, {problem.column}: {problem.reason}; read as unknown.",
            highlight=False,
        )
    if json_:
        print_json(result.to_json())
        return
    low, high = result.interval
    console.print(
        f"[bold]Estimated fake followers: {_pct(result.fake_share, 0)}[/] "
        f"(95% interval {_pct(low, 0)}–{_pct(high, 0)}, {len(result.accounts)} accounts read)",
        highlight=False,
    )
    if result.skipped_rows:
        console.print(
            f"Rows left out (nothing readable): {', '.join(map(str, result.skipped_rows))}"
        )
    table = Table("Row", "P(fake)", "Fake?", "Reasons")
    for a in result.accounts:
        table.add_row(
            str(a.row),
            f"{a.fake_probability:.2f}",
            "yes" if a.is_fake else "no",
            "; ".join(a.reasons),
        )
    console.print(table)
    console.print(f"[dim]{result.method}[/]", highlight=False)
