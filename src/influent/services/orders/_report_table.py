"""The campaign report as a table: the same columns for the CSV, the spreadsheet and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.numbers import get_currency_precision

from influent.services.i18n import Translator
from influent.services.orders._report import CampaignReport, ReportRow
from influent.sources.spreadsheet.writer import Cell, write_table

__all__ = ["COLUMNS", "report_table", "write_report"]

COLUMNS = (
    "creator",
    "deals",
    "cost",
    "clicks_human",
    "clicks_bot",
    "visitors",
    "orders",
    "orders_low",
    "orders_high",
    "revenue",
    "refunded",
    "net_revenue",
    "roi",
    "roi_low",
    "roi_high",
    "roas",
    "cpa",
    "cpc",
    "conversion",
)


def _major(minor: float | None, precision: int) -> float | None:
    return None if minor is None else round(minor / 10**precision, precision)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _cells(row: ReportRow, label: str, precision: int) -> list[Cell]:
    p, r = row.performance, row.returns
    return [
        label,
        row.deals,
        _major(r.cost_minor, precision),
        p.clicks_human,
        p.clicks_bot,
        p.visitors,
        p.orders,
        _round(r.orders_low, 1),
        _round(r.orders_high, 1),
        _major(p.revenue_minor, precision),
        _major(p.refunded_minor, precision),
        _major(r.net_revenue_minor, precision),
        _round(r.roi),
        _round(r.roi_low),
        _round(r.roi_high),
        _round(r.roas),
        _major(r.cpa_minor, precision),
        _major(r.cpc_minor, precision),
        _round(r.conversion_rate),
    ]


def report_table(report: CampaignReport, tr: Translator) -> tuple[list[str], list[list[Cell]]]:
    """Headers and rows (creators, then unattributed, then the total); money in major units."""
    precision = get_currency_precision(report.currency)
    headers = [tr.t(f"report.col.{name}", currency=report.currency) for name in COLUMNS]
    rows = [_cells(row, row.label, precision) for row in report.rows]
    rows.append(_cells(report.unattributed, tr.t("report.unattributed"), precision))
    rows.append(_cells(report.totals, tr.t("report.total"), precision))
    return headers, rows


def write_report(report: CampaignReport, path: Path, tr: Translator) -> int:
    """Write the report to a .csv or .xlsx file; returns the number of rows written."""
    headers, rows = report_table(report, tr)
    written: Sequence[Sequence[Cell]] = rows
    return write_table(path, headers, written)
