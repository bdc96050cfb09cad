"""Importing an orders export: all or nothing, every bad row reported, idempotent.

Shopify, WooCommerce and Stripe exports are recognised by their documented columns. Any other
file goes through the one tabular pipeline (`services/imports/pipeline.py`) with the generic
`ORDERS` schema: English or French headers, the header row found below titles, `--map`
overrides, and problems naming the file's own column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from influent.domain.messages import Message
from influent.domain.order_files import OrderFile, detect_format, read_generic, read_orders
from influent.domain.orders import OrderProblem, Source
from influent.domain.tabular.orders import ORDERS
from influent.services.accounts import session_secret
from influent.services.core import settings_of
from influent.services.imports.pipeline import check_rows, read_table
from influent.services.orders._ingest import AttributionData, IngestReport, record
from influent.sources.spreadsheet.reader import UnreadableFile, read_sheet

__all__ = ["ORDER_FIELDS", "OrdersImport", "import_orders", "parse_order_map"]

ORDER_FIELDS: tuple[str, ...] = ORDERS.names


@dataclass(slots=True)
class OrdersImport:
    file: str
    source: Source
    rows: int
    orders: int
    problems: list[tuple[int, str, Message]] = field(default_factory=list)
    dry_run: bool = False
    report: IngestReport | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # generic: header -> field or ""

    @property
    def refused(self) -> bool:
        """All or nothing said no: the file has invalid rows and nothing was written."""
        return bool(self.problems) and not self.dry_run


def parse_order_map(specs: list[str]) -> dict[str, str | None]:
    """`--map "Colonne X=total"` options for a generic file; OrderProblem when one is wrong."""
    try:
        return ORDERS.parse_overrides(specs)
    except ValueError:
        raise OrderProblem(
            "orders.error.map", spec="; ".join(specs), known=", ".join(ORDER_FIELDS)
        ) from None


def _unreadable(error: UnreadableFile) -> OrderProblem:
    return OrderProblem(error.message.code, **error.message.params)


def _generic(
    path: Path, salt: str, overrides: dict[str, str | None] | None
) -> tuple[OrderFile, int, dict[str, str]]:
    table = read_table(path, ORDERS, overrides=overrides)
    missing = ORDERS.missing(table.mapping)
    if missing is not None:
        if not table.mapping.fields:
            raise OrderProblem("orders.error.format", columns=", ".join(table.sheet.headers[:8]))
        raise OrderProblem(
            "orders.error.missing_column",
            field=missing[0],
            columns=", ".join(table.sheet.headers[:8]),
        )
    headers = table.sheet.headers
    header_of = {name: headers[index] for index, name in table.mapping.fields.items()}
    checked = check_rows(table)
    rows = [
        (c.row, {k: "" if v is None else str(v).strip() for k, v in c.cells.items()})
        for c in checked
    ]
    read = read_generic(rows, salt=salt)
    # An empty needed cell is the pipeline's problem; any other is the order's own.
    missing_cells = [
        (p.row, p.column, Message("orders.error.empty", {"column": p.column}))
        for c in checked
        for p in c.problems
    ]
    emptied = {(row, column) for row, column, _ in missing_cells}
    problems = missing_cells + [
        (row, header_of.get(name, name), message)
        for row, name, message in read.problems
        if (row, header_of.get(name, name)) not in emptied
    ]
    read.problems = sorted(problems, key=lambda p: p[0])
    # Every column, the ones read as no field with "".
    mapping = {h: table.mapping.fields.get(i, "") for i, h in enumerate(headers) if h.strip()}
    return read, table.sheet.row_count, mapping


def import_orders(
    session: Session,
    *,
    workspace_id: int,
    path: Path,
    source: Source | None = None,
    dry_run: bool = False,
    data: AttributionData | None = None,
    overrides: dict[str, str | None] | None = None,
) -> OrdersImport:
    """Read an orders export and record its orders; a file with a bad row writes nothing.

    `overrides` (header -> generic field, or None to ignore) implies the generic format.
    """
    salt = session_secret(settings_of(session))
    mapping: dict[str, str] = {}
    try:
        sheet = read_sheet(path)
        found = source or (Source.GENERIC if overrides else detect_format(sheet.headers))
        if found is None or found is Source.GENERIC:
            read, count, mapping = _generic(path, salt, overrides)
        else:
            rows = [
                (
                    number,
                    {
                        h: "" if v is None else str(v)
                        for h, v in zip(sheet.headers, cells, strict=False)
                    },
                )
                for number, cells in sheet.rows
            ]
            read, count = read_orders(sheet.headers, rows, salt=salt, source=found), len(rows)
    except UnreadableFile as error:
        raise _unreadable(error) from None
    result = OrdersImport(
        file=path.name,
        source=read.source,
        rows=count,
        orders=len(read.orders),
        problems=read.problems,
        dry_run=dry_run,
        mapping=mapping,
    )
    if read.problems or dry_run:
        return result
    result.report = record(session, workspace_id=workspace_id, orders=read.orders, data=data)
    return result
