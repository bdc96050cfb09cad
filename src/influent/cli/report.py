"""`influent report campaign`: what each creator of a campaign cost and brought."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from influent.cli.common import WORKSPACE_HELP, console, print_json, workspace_session
from influent.cli.speech import LOCALE_HELP, Language, fail_with, translator
from influent.domain.messages import Message, MessageError
from influent.services import campaigns, orders
from influent.services.i18n import Translator

report_cli = typer.Typer(help="Reports: what campaigns cost and brought.", no_args_is_help=True)


def _orders_cell(tr: Translator, row: orders.ReportRow) -> str:
    r = row.returns
    text = tr.num(r.orders)
    if 0 < r.orders < 30:
        text += f" ({tr.num(r.orders_low, 1)}–{tr.num(r.orders_high, 1)})"
    return text


def _roi_cell(tr: Translator, row: orders.ReportRow) -> str:
    r = row.returns
    if r.roi is None:
        return "–"
    text = tr.pct(r.roi, 0)
    if r.roi_low is not None and r.roi_high is not None and r.orders < 30:
        text += (
            " ("
            + tr.t("report.roi_range", low=tr.pct(r.roi_low, 0), high=tr.pct(r.roi_high, 0))
            + ")"
        )
    return text


def _print(tr: Translator, report: orders.CampaignReport) -> None:
    cur = report.currency
    names = (
        report.by,
        "deals",
        "cost",
        "clicks_human",
        "clicks_bot",
        "visitors",
        "orders",
        "net_revenue",
        "roi",
        "roas",
        "cpa",
        "conversion",
    )
    table = Table(
        *(tr.t(f"report.col.{n}", currency=cur) for n in names),
        title=tr.t("report.title", campaign=report.campaign),
    )
    rows = [
        *((row, orders.row_label(tr, report, row)) for row in report.rows),
        (report.unattributed, tr.t("report.unattributed")),
        (report.totals, tr.t("report.total")),
    ]
    for row, label in rows:
        p, r = row.performance, row.returns
        table.add_row(
            label,
            tr.num(row.deals),
            tr.money(r.cost_minor, cur),
            tr.num(p.clicks_human),
            tr.num(p.clicks_bot),
            tr.num(p.visitors),
            _orders_cell(tr, row),
            tr.money(r.net_revenue_minor, cur),
            _roi_cell(tr, row),
            tr.num(r.roas, 2) if r.roas is not None else "–",
            tr.money(round(r.cpa_minor), cur) if r.cpa_minor is not None else "–",
            tr.pct(r.conversion_rate, 1) if r.conversion_rate is not None else "–",
        )
    console.print(table)
    if any(0 < row.returns.orders < 30 for row in report.rows):
        console.print(tr.t("report.few_orders"))


@report_cli.command("campaign")
def campaign(
    name: str = typer.Argument(..., help="The campaign: its name, slug or id."),
    by: str = typer.Option(
        "creator", "--by", help="Group the rows by creator, deal, platform or format."
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    xlsx: Path | None = typer.Option(
        None, "--xlsx", help="Also write the report to this .xlsx file."
    ),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """A campaign's report: cost, clicks, orders, revenue and ROI per creator, with totals."""
    tr = translator(language)
    if by not in orders.GROUPINGS:
        fail_with(tr, Message("report.error.by", {"by": by}), 2)
    if xlsx is not None and (xlsx.suffix.lower() != ".xlsx" or not xlsx.parent.is_dir()):
        fail_with(tr, Message("report.error.file", {"path": str(xlsx)}), 2)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            found = campaigns.find_campaign(session, workspace_id=workspace_id, ref=name)
            report = orders.campaign_report(
                session, workspace_id=workspace_id, campaign_id=found.id, by=by
            )
        except MessageError as error:
            fail_with(tr, error.message, 2)
    if xlsx is not None:
        try:
            written = orders.write_report(report, xlsx, tr)
        except OSError:
            fail_with(tr, Message("report.error.file", {"path": str(xlsx)}), 2)
    if json_:
        print_json(orders.report_to_dict(report))
    else:
        _print(tr, report)
        if xlsx is not None:
            console.print(tr.t("report.written", path=str(xlsx), rows=written, count=written))
