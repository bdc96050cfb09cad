"""`influent import orders`: a shop's orders export, all or nothing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from influent.cli.common import (
    WORKSPACE_HELP,
    console,
    errors,
    fail,
    print_json,
    workspace_session,
)
from influent.cli.speech import LOCALE_HELP, Language, translator
from influent.services import orders


class Shop(StrEnum):
    SHOPIFY = "shopify"
    WOOCOMMERCE = "woocommerce"
    STRIPE = "stripe"
    GENERIC = "generic"


def import_orders(
    file: Path = typer.Argument(..., help="The orders export: CSV, XLSX or ODS."),
    source: Shop | None = typer.Option(
        None, help="shopify, woocommerce, stripe or generic (default: recognised by its columns)."
    ),
    map_: list[str] = typer.Option(
        [],
        "--map",
        help='Generic files: name a column, "Montant TTC=total" (or =ignore); implies generic.',
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the file; write nothing."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
    language: Language | None = typer.Option(None, "--locale", help=LOCALE_HELP),
    workspace: str | None = typer.Option(None, "--workspace", help=WORKSPACE_HELP),
) -> None:
    """Import orders from Shopify, WooCommerce, Stripe or generic CSV; replays never count twice."""
    tr = translator(language)
    with workspace_session(workspace) as (session, workspace_id):
        try:
            found = orders.import_orders(
                session,
                workspace_id=workspace_id,
                path=file,
                source=orders.Source(source.value) if source else None,
                dry_run=dry_run,
                overrides=orders.parse_order_map(map_) if map_ else None,
            )
        except orders.OrderProblem as error:
            fail(tr.say(error.message), 2)
    report = found.report
    if json_:
        print_json(
            {
                "file": found.file,
                "source": found.source.value,
                "rows": found.rows,
                "orders": found.orders,
                "dry_run": found.dry_run,
                "mapping": found.mapping,
                "written": report is not None,
                "created": report.created if report else 0,
                "updated": report.updated if report else 0,
                "unchanged": report.unchanged if report else 0,
                "attributed": report.attributed if report else 0,
                "unattributed": report.unattributed if report else 0,
                "problems": [
                    {"row": row, "column": column, "problem": tr.say(message)}
                    for row, column, message in found.problems
                ],
            }
        )
    else:
        console.print(
            tr.t(
                "cli.orders.read",
                file=found.file,
                source=found.source.value,
                rows=tr.t("orders.import.rows", count=found.rows),
                orders=tr.t("orders.import.orders", count=found.orders),
            ),
            markup=False,
            highlight=False,
        )
        if found.problems:
            table = Table(
                tr.t("cli.import.col.row"),
                tr.t("cli.import.col.column"),
                tr.t("cli.import.col.problem"),
                title=tr.t("cli.import.problems", count=len(found.problems)),
            )
            for row, column, message in found.problems:
                table.add_row(str(row), column, tr.say(message))
            console.print(table)
        if report is not None:
            console.print(
                tr.t(
                    "cli.orders.written",
                    created=report.created,
                    updated=report.updated,
                    unchanged=report.unchanged,
                    attributed=report.attributed,
                    unattributed=report.unattributed,
                ),
                markup=False,
                highlight=False,
            )
    if found.refused:
        errors.print(tr.t("cli.orders.all_or_nothing"), markup=False, highlight=False)
        raise typer.Exit(1)
