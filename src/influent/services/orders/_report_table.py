"""The campaign report as a table: the same columns for the CSV, the spreadsheet and the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from babel.numbers import get_currency_precision

from influent.services.i18n import Translator
from influent.services.orders._report import MIXED, NO_DEAL, CampaignReport, ReportRow
from influent.sources.spreadsheet.writer import Cell, write_table

__all__ = ["COLUMNS", "report_csv", "report_table", "report_to_dict", "row_label", "write_report"]

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


def row_label(tr: Translator, report: CampaignReport, row: ReportRow) -> str:
    """What a row is called: the creator, or the deal, platform or format it gathers."""
    if report.by == "creator" or row.group is None:
        return row.label
    if row.group in (MIXED, NO_DEAL):
        return tr.t(f"report.group.{row.group}")
    if report.by == "deal":
        return tr.t("report.group.deal", deal=row.group, creator=row.label)
    return tr.label(report.by, row.group)


def report_table(report: CampaignReport, tr: Translator) -> tuple[list[str], list[list[Cell]]]:
    """Headers and rows (creators, then unattributed, then the total); money in major units."""
    precision = get_currency_precision(report.currency)
    headers = [tr.t(f"report.col.{name}", currency=report.currency) for name in COLUMNS]
    headers[0] = tr.t(f"report.col.{report.by}")
    rows = [_cells(row, row_label(tr, report, row), precision) for row in report.rows]
    rows.append(_cells(report.unattributed, tr.t("report.unattributed"), precision))
    rows.append(_cells(report.totals, tr.t("report.total"), precision))
    return headers, rows


def report_csv(report: CampaignReport, tr: Translator) -> str:
    """The report as CSV text (comma-separated, money in major units)."""
    headers, rows = report_table(report, tr)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def write_report(report: CampaignReport, path: Path, tr: Translator) -> int:
    """Write the report to a .csv or .xlsx file; returns the number of rows written."""
    headers, rows = report_table(report, tr)
    written: Sequence[Sequence[Cell]] = rows
    return write_table(path, headers, written)


def _row_dict(row: ReportRow) -> dict[str, object]:
    p, r = row.performance, row.returns
    return {
        "creator_id": row.creator_id,
        "group": row.group,
        "label": row.label,
        "deals": row.deals,
        "fees_minor": p.fees_minor,
        "gifted_minor": p.gifted_minor,
        "commissions_minor": p.commissions_minor,
        "cost_minor": r.cost_minor,
        "clicks_human": p.clicks_human,
        "clicks_bot": p.clicks_bot,
        "visitors": p.visitors,
        "orders": p.orders,
        "orders_low": r.orders_low,
        "orders_high": r.orders_high,
        "revenue_minor": p.revenue_minor,
        "refunded_minor": p.refunded_minor,
        "net_revenue_minor": r.net_revenue_minor,
        "roi": r.roi,
        "roi_low": r.roi_low,
        "roi_high": r.roi_high,
        "roas": r.roas,
        "cpa_minor": r.cpa_minor,
        "cpc_minor": r.cpc_minor,
        "conversion_rate": r.conversion_rate,
    }


def report_to_dict(report: CampaignReport) -> dict[str, object]:
    """The report as plain values (money in minor units), for JSON."""
    return {
        "campaign_id": report.campaign_id,
        "campaign": report.campaign,
        "currency": report.currency,
        "by": report.by,
        "starts_on": report.starts_on.isoformat() if report.starts_on else None,
        "ends_on": report.ends_on.isoformat() if report.ends_on else None,
        "creators": [_row_dict(row) for row in report.rows],
        "unattributed": _row_dict(report.unattributed),
        "totals": _row_dict(report.totals),
    }
