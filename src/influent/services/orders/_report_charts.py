"""Charts of the campaign report: the campaign day by day, and creators ranked by ROI.

Drawn with matplotlib's object API on the Agg canvas (never pyplot, which keeps global state
while the web server draws from several threads), in the reader's language: labels from the
catalog, days and months by Babel ("1 mars", "Mar 1"), money and percentages the local way.
Each chart is cached by its content (the figures, the locale and the format), so a page
reloaded without new orders or clicks draws nothing.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

import matplotlib

matplotlib.use("Agg")

from babel.dates import format_date
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from influent.services.i18n import Translator
from influent.services.orders._report import CampaignReport
from influent.services.orders._report_days import CampaignTimeline

__all__ = ["ChartFormat", "RankedCreator", "ranked_creators", "ranking_chart", "timeline_chart"]

ChartFormat = Literal["png", "svg"]
RankedCreator = tuple[str, float, float | None, float | None, int]  # label, ROI, low, high, orders

_CLICKS, _REVENUE, _MARK, _MUTED, _RANGE, _LOSS = (
    "#27409b",
    "#1f8a5b",
    "#e67e22",
    "#6b7280",
    "#9ca3af",
    "#c0392b",
)
_CACHED = 64


def _save(figure: Figure, fmt: ChartFormat) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    # No date in the file: the same figures give the same bytes.
    metadata = {"Date": None} if fmt == "svg" else {"Software": "Influent"}
    # SVG keeps its words as text, so screen readers and searches find them.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    return buffer.getvalue()


def _message(text: str, fmt: ChartFormat) -> bytes:
    figure = Figure(figsize=(8, 2.2), layout="constrained")
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color=_MUTED, fontsize=12)
    return _save(figure, fmt)


def timeline_chart(timeline: CampaignTimeline, *, locale: str, fmt: ChartFormat = "png") -> bytes:
    """Human clicks and net revenue per day, each publication marked and numbered."""
    return _timeline(timeline, locale, fmt)


@lru_cache(maxsize=_CACHED)
def _timeline(timeline: CampaignTimeline, locale: str, fmt: ChartFormat) -> bytes:
    tr = Translator(locale)
    if not timeline.days:
        return _message(tr.t("report.timeline.empty"), fmt)
    figure = Figure(figsize=(8.5, 4.8), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    days = [datetime.combine(d.day, time(12)) for d in timeline.days]
    top.bar(days, [d.clicks_human for d in timeline.days], width=0.8, color=_CLICKS)
    nets = [d.net_minor for d in timeline.days]
    bottom.bar(days, nets, width=0.8, color=[_REVENUE if n >= 0 else _LOSS for n in nets])
    top.set_title(tr.t("report.timeline.title"), loc="left", fontsize=11)
    top.set_ylabel(tr.t("report.timeline.clicks"))
    bottom.set_ylabel(tr.t("report.timeline.revenue", currency=timeline.currency))
    top.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    top.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tr.num(int(v))))
    bottom.yaxis.set_major_locator(MaxNLocator(nbins=5))
    bottom.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: tr.money(int(v), timeline.currency))
    )
    first, last = timeline.days[0].day, timeline.days[-1].day
    # Publications of one day share one line, labelled with all their numbers ("2, 3, 4").
    numbers: dict[date, list[str]] = {}
    for number, publication in enumerate(timeline.publications, start=1):
        numbers.setdefault(publication.day, []).append(str(number))
    for day, labels in numbers.items():
        if not first <= day <= last + timedelta(days=1):
            continue
        at = datetime.combine(day, time(12))
        for ax in (top, bottom):
            ax.axvline(at, color=_MARK, linewidth=1.2, linestyle="--")
        top.annotate(
            ", ".join(labels),
            xy=(at, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            color=_MARK,
            fontsize=8,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    locator = AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call]
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _: format_date(_day(v), "d MMM", locale=locale))
    )
    for ax in (top, bottom):
        ax.grid(axis="y", color="#e5e7eb", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, fmt)


def _day(value: float) -> date:
    moment: datetime = num2date(value)  # type: ignore[no-untyped-call]
    return moment.date()


def ranked_creators(report: CampaignReport) -> tuple[RankedCreator, ...]:
    """The report's rows with an ROI, best first, as the ranking chart draws them."""
    return tuple(
        (row.label, row.returns.roi, row.returns.roi_low, row.returns.roi_high, row.returns.orders)
        for row in report.rows
        if row.returns.roi is not None
    )


def ranking_chart(
    ranked: tuple[RankedCreator, ...], *, locale: str, fmt: ChartFormat = "png"
) -> bytes:
    """Creators by ROI, best on top; each bar's range is what chance alone could make of
    few orders, and its label says how many orders it rests on ("3 orders")."""
    return _ranking(ranked, locale, fmt)


@lru_cache(maxsize=_CACHED)
def _ranking(ranked: tuple[RankedCreator, ...], locale: str, fmt: ChartFormat) -> bytes:
    tr = Translator(locale)
    if not ranked:
        return _message(tr.t("report.ranking.empty"), fmt)
    shown = ranked[:25]
    figure = Figure(figsize=(8.5, 1.2 + 0.42 * len(shown)), layout="constrained")
    ax = figure.add_subplot()
    positions = list(range(len(shown)))
    rois = [roi for _, roi, _, _, _ in shown]
    ax.barh(
        positions,
        rois,
        height=0.6,
        color=[_REVENUE if roi >= 0 else _LOSS for roi in rois],
    )
    for y, (_, roi, low, high, orders) in enumerate(shown):
        if low is not None and high is not None:
            ax.plot(
                [low, high], [y, y], color=_RANGE, linewidth=3, alpha=0.7, solid_capstyle="butt"
            )
        edge = max(0.0, roi, high if high is not None else roi)
        label = f"  {tr.pct(roi, 0)} · {tr.t('report.ranking.orders', count=orders)}"
        ax.text(edge, y, label, va="center", fontsize=8, color=_MUTED)
    ax.axvline(0, color=_MUTED, linewidth=0.8)
    ax.set_yticks(positions, [_short(label) for label, *_ in shown])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tr.pct(v, 0)))
    ax.set_title(tr.t("report.ranking.title"), loc="left", fontsize=11)
    ax.set_xlabel(tr.t("report.ranking.axis"))
    lows = [low if low is not None else roi for _, roi, low, _, _ in shown]
    highs = [high if high is not None else roi for _, roi, _, high, _ in shown]
    span = max(max(highs) - min(0.0, min(lows)), 0.5)
    ax.set_xlim(min(0.0, min(lows)) - 0.05 * span, max(highs) + 0.45 * span)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(figure, fmt)


def _short(label: str) -> str:
    return label if len(label) <= 22 else label[:21] + "…"
