"""Charts for vetting: the follower history with its events, and engagement against the tiers.

Figures are drawn with matplotlib's object API on the Agg canvas, never through pyplot:
pyplot keeps global state, and the web server draws charts from several threads at once.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from typing import Literal

import matplotlib

matplotlib.use("Agg")

from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from influent.domain.benchmarks import Benchmark, TierPercentile, benchmarks
from influent.domain.platforms import Platform
from influent.domain.quality import Locale, format_count, format_percent
from influent.services.i18n import Translator
from influent.services.vetting.results import AccountAudit, History

__all__ = ["ChartFormat", "engagement_tier_chart", "has_tier_benchmarks", "history_chart"]

ChartFormat = Literal["png", "svg"]

_GAIN, _LOSS, _LINE, _EVENT, _TIER, _MUTED = (
    "#1f8a5b",
    "#c0392b",
    "#27409b",
    "#e67e22",
    "#c9d3f0",
    "#6b7280",
)


def _t(key: str, locale: Locale, **values: str) -> str:
    return Translator(locale).t(f"chart.{key}", **values)


def _save(figure: Figure, fmt: ChartFormat) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    # A fixed date keeps the bytes of a chart stable from one run to the next.
    metadata = {"Date": None} if fmt == "svg" else {"Software": "Influent"}
    figure.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    return buffer.getvalue()


def _message(text: str, fmt: ChartFormat, size: tuple[float, float] = (8, 2.5)) -> bytes:
    figure = Figure(figsize=size, layout="constrained")
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color=_MUTED, fontsize=12)
    return _save(figure, fmt)


def _date_tick(value: float, locale: Locale) -> str:
    """A date axis tick in the locale's words: the year on 1 January, the month's abbreviation
    on the 1st ("mars", "Mar"), else day and month."""
    day = num2date(value).date()  # type: ignore[no-untyped-call]
    if day.month == 1 and day.day == 1:
        return str(day.year)
    if day.day == 1:
        return format_date(day, "LLL", locale=locale)
    return format_date(day, "d MMM", locale=locale)


def _dates(ax: Axes, locale: Locale) -> None:
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _date_tick(v, locale)))


def history_chart(found: History, *, fmt: ChartFormat = "png") -> bytes:
    """Followers per day, the daily gains and losses as bars, and each event numbered."""
    locale = found.locale
    if not found.points:
        return _message(_t("no_history", locale), fmt)
    figure = Figure(figsize=(8, 4.5), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    days = [p.day for p in found.points]
    top.plot(days, [p.followers for p in found.points], color=_LINE, linewidth=1.6)
    gains = [p.gain or 0 for p in found.points]
    # A year of daily bars drawn as two filled steps (gains above, losses below), one shape
    # each: the same picture as 365 bars, drawn a hundred times faster.
    for sign, colour in ((1, _GAIN), (-1, _LOSS)):
        side = [g if g * sign > 0 else 0 for g in gains]
        bottom.fill_between(days, side, step="mid", color=colour, linewidth=0)
    bottom.axhline(0, color=_MUTED, linewidth=0.6)
    top.set_title(_t("history_title", locale, handle=found.account.handle), loc="left", fontsize=11)
    top.set_ylabel(_t("followers", locale))
    bottom.set_ylabel(_t("gain", locale))
    counts = FuncFormatter(lambda v, _: format_count(v, locale))
    top.yaxis.set_major_formatter(counts)
    bottom.yaxis.set_major_formatter(counts)
    by_day = {p.day: p.followers for p in found.points}
    for number, explained in enumerate(found.events, start=1):
        event = explained.event
        # Shade whole days: from the night before the first day to the night after the last.
        start = datetime.combine(event.start, time()) - timedelta(hours=12)
        end = datetime.combine(event.end, time()) + timedelta(hours=12)
        for ax in (top, bottom):
            ax.axvspan(start, end, color=_EVENT, alpha=0.25, linewidth=0)
        label = f"{number}. {format_count(event.change, locale, signed=True)}"
        top.annotate(
            label,
            xy=(event.end, by_day.get(event.end, event.followers_before)),
            xytext=(-8, 14 if event.is_spike else -18),
            textcoords="offset points",
            ha="right",
            color=_EVENT,
            fontsize=9,
            fontweight="bold",
            arrowprops={"arrowstyle": "-", "color": _EVENT, "linewidth": 0.8},
        )
    _dates(bottom, locale)
    for ax in (top, bottom):
        ax.grid(axis="y", color="#e5e7eb", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, fmt)


def _tier_label(row: Benchmark, locale: Locale) -> str:
    low = format_count(row.followers_min, locale)
    if row.followers_max is None:
        return f"{low}+"
    return f"{low}–{format_count(row.followers_max, locale)}"


def _axis_percent(value: float, locale: Locale) -> str:
    whole = abs(value * 100 - round(value * 100)) < 1e-9
    return format_percent(value, locale, digits=0 if whole else 1)


def has_tier_benchmarks(platform: str) -> bool:
    """Whether the benchmarks table has tiers for this platform (the tier chart's bars)."""
    return any(b.platform.value == platform for b in benchmarks())


def engagement_tier_chart(
    audit: AccountAudit, *, locale: Locale, fmt: ChartFormat = "png"
) -> bytes:
    """The account's engagement rate as a line across the tier medians of its platform."""
    platform = Platform(audit.engagement.platform)
    rows = [b for b in benchmarks() if b.platform is platform]
    if not rows:
        return _message(_t("no_tier", locale, platform=platform.value), fmt)
    rate = audit.engagement.value
    mine = audit.tier.benchmark if isinstance(audit.tier, TierPercentile) else None
    figure = Figure(figsize=(8, 3.6), layout="constrained")
    ax = figure.add_subplot()
    labels = [_tier_label(r, locale) for r in rows]
    positions = list(range(len(rows)))
    bars = ax.barh(
        positions,
        [r.median_er for r in rows],
        color=[_LINE if r == mine else _TIER for r in rows],
        height=0.6,
    )
    for y, row in zip(positions, rows, strict=True):
        ax.text(
            row.median_er,
            y,
            f" {format_percent(row.median_er, locale, digits=2)}",
            va="center",
            fontsize=8,
            color=_MUTED,
        )
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _axis_percent(v, locale)))
    ax.set_xlabel(_t("er", locale))
    handle = audit.account.handle
    ax.set_title(_t("tier_title", locale, handle=handle), loc="left", fontsize=11)
    if rate is None:
        ax.text(0.98, 0.05, _t("no_er", locale), transform=ax.transAxes, ha="right", color=_MUTED)
    else:
        line = ax.axvline(rate, color=_EVENT, linewidth=2)
        rate_text = format_percent(rate, locale, digits=2)
        handles, names = [line], [_t("legend_rate", locale, handle=handle, rate=rate_text)]
        if mine is not None:
            handles.append(bars[rows.index(mine)])
            names.append(_t("median", locale, tier=_tier_label(mine, locale)))
        ax.legend(handles, names, loc="lower right", frameon=False, fontsize=9)
        ax.set_xlim(0, max(max(r.median_er for r in rows), rate) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, fmt)
