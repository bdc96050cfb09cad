"""The demo workspace built once per backend and parameters, then copied into each test's
database.

Building the demo (creators, histories, posts, vectors, deals, orders…) takes seconds; many
tests only read it. The first test that asks for a demo builds it for real with `build_demo`
and keeps every table's rows; later tests asking for the same demo on the same backend get
those rows written into their own empty database, ids included, and the same summary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection

from influent.services.core import Influent
from influent.services.demo.builder import DemoSummary, build_demo
from influent.store.models import Base, Workspace

_Rows = dict[str, list[dict[str, Any]]]
_BUILT: dict[tuple[object, ...], tuple[DemoSummary, _Rows]] = {}


def _dump(connection: Connection) -> _Rows:
    return {
        table.name: [dict(row) for row in connection.execute(select(table)).mappings()]
        for table in Base.metadata.sorted_tables
    }


def _restore(connection: Connection, rows: _Rows) -> None:
    postgres = connection.dialect.name == "postgresql"
    for table in Base.metadata.sorted_tables:
        if rows[table.name]:
            connection.execute(insert(table), rows[table.name])
        if postgres and "id" in table.c and rows[table.name]:
            # Rows came with their ids: move the sequence past them, as inserts would have.
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                    f'(SELECT max(id) FROM "{table.name}"))'
                ),
                {"table": f'"{table.name}"'},
            )


def demo_in(
    influent: Influent,
    *,
    creators: int,
    days: int,
    today: date | None = None,
    seed: int = 42,
) -> DemoSummary:
    """What `build_demo(session, creators=…, days=…, today=…, seed=…)` returns and writes, on
    the test's empty database; built for real the first time on each backend."""
    today = today or date.today()
    backend = influent.engine.dialect.name
    key = (backend, creators, days, today, seed)
    with influent.session() as session:
        empty = not session.scalar(select(func.count()).select_from(Workspace))
        if key not in _BUILT or not empty:
            summary = build_demo(session, creators=creators, days=days, today=today, seed=seed)
            if not empty:
                return summary
            session.flush()
            _BUILT[key] = (summary, _dump(session.connection()))
            return summary
        summary, rows = _BUILT[key]
        _restore(session.connection(), rows)
        return summary
