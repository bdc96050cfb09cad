"""Loading many rows into SQLite: rebuild indexes once instead of updating them per row.

Inserting a million rows into tables with secondary indexes means a million random B-tree
updates per index. Dropping those indexes (and the search trigger), inserting, then building
each index in one sorted pass is the classic bulk-load trade. It runs inside the import's
transaction, which holds SQLite's write lock throughout, so no reader sees a table without
its indexes and a failure rolls the whole thing back, indexes included.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from influent.store import search_index

__all__ = ["bulk_load", "worth_bulk_loading"]

# Below this many new rows, per-row index updates cost less than rebuilding whole indexes.
MIN_ROWS = 20_000


def worth_bulk_loading(session: Session, new_rows: int) -> bool:
    """True on SQLite when the import is large and at least as big as what is stored."""
    if not search_index.is_sqlite(session) or new_rows < MIN_ROWS:
        return False
    stored = session.execute(text("SELECT coalesce(max(id), 0) FROM creators")).scalar_one()
    return bool(new_rows >= stored)


@contextmanager
def bulk_load(session: Session) -> Iterator[None]:
    """Drop the creators' and accounts' secondary indexes and search trigger; rebuild on exit."""
    session.execute(text("PRAGMA cache_size = -262144"))
    # Python's sqlite3 opens a transaction only before INSERT, UPDATE or DELETE, so DDL sent
    # first would commit on its own: a failed import would then leave the indexes dropped.
    # Take the write lock and open the transaction before touching the schema.
    driver = session.connection().connection.dbapi_connection
    if driver is not None and not driver.in_transaction:
        session.execute(text("BEGIN IMMEDIATE"))
    indexes = list(
        session.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN ('creators', 'accounts')"
            )
        )
    )
    for name, _ in indexes:
        session.execute(text(f'DROP INDEX "{name}"'))
    session.execute(text("DROP TRIGGER IF EXISTS creators_fts_insert"))
    start = session.execute(text("SELECT coalesce(max(id), 0) FROM creators")).scalar_one()
    yield
    for _, sql in indexes:
        session.execute(text(sql))
    session.execute(
        text(
            "INSERT INTO creators_fts(rowid, search_text) "
            "SELECT id, search_text FROM creators WHERE id > :start"
        ),
        {"start": start},
    )
    session.execute(text(search_index.SQLITE_FTS_INSERT_TRIGGER))
