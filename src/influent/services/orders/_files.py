"""Importing an orders export: all or nothing, every bad row reported, idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from influent.domain.messages import Message
from influent.domain.order_files import read_orders
from influent.domain.orders import OrderProblem, Source
from influent.services.accounts import session_secret
from influent.services.core import settings_of
from influent.services.orders._ingest import AttributionData, IngestReport, record
from influent.sources.spreadsheet.reader import UnreadableFile, read_sheet

__all__ = ["OrdersImport", "import_orders"]


@dataclass(slots=True)
class OrdersImport:
    file: str
    source: Source
    rows: int
    orders: int
    problems: list[tuple[int, str, Message]] = field(default_factory=list)
    dry_run: bool = False
    report: IngestReport | None = None

    @property
    def refused(self) -> bool:
        """All or nothing said no: the file has invalid rows and nothing was written."""
        return bool(self.problems) and not self.dry_run


def import_orders(
    session: Session,
    *,
    workspace_id: int,
    path: Path,
    source: Source | None = None,
    dry_run: bool = False,
    data: AttributionData | None = None,
) -> OrdersImport:
    """Read an orders export and record its orders; a file with a bad row writes nothing."""
    try:
        sheet = read_sheet(path)
    except UnreadableFile as error:
        raise OrderProblem("orders.error.unreadable", reason=error.message) from None
    rows = [
        (
            number,
            {h: "" if v is None else str(v) for h, v in zip(sheet.headers, cells, strict=False)},
        )
        for number, cells in sheet.rows
    ]
    read = read_orders(
        sheet.headers, rows, salt=session_secret(settings_of(session)), source=source
    )
    result = OrdersImport(
        file=path.name,
        source=read.source,
        rows=len(rows),
        orders=len(read.orders),
        problems=read.problems,
        dry_run=dry_run,
    )
    if read.problems or dry_run:
        return result
    result.report = record(session, workspace_id=workspace_id, orders=read.orders, data=data)
    return result
