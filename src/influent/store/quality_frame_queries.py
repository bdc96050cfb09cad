"""Reading what a workspace-wide quality refresh needs, as columns rather than objects.

Follower snapshots are most of the rows (one per account and day), so they come back as
three integer arrays (account, UTC day number, followers) without building a datetime or
an object per row; only the latest snapshot of each account comes back as a value.

On SQLite, when the session has nothing uncommitted, the snapshot columns are read as
Arrow columns by the ADBC SQLite driver (`column_reader`): its loop is in C, where the
Python driver builds a tuple per row (about 0.1 µs a row against 1.3 µs). Elsewhere
(PostgreSQL, a database in memory, uncommitted writes that another connection would not
see) they are read through the session, with the same result.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, ColumnElement, cast, func, select
from sqlalchemy.orm import Session, aliased

from influent.domain.content import SnapshotData
from influent.store.models import Account, Snapshot
from influent.store.vetting_queries import AccountInfo, _info_query, _infos

__all__ = [
    "FollowerDays",
    "arrow_frame",
    "column_reader",
    "follower_days",
    "id_list",
    "latest_snapshots",
    "stored_time",
    "workspace_accounts",
]

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True, slots=True)
class FollowerDays:
    """Snapshot rows with a follower count, ordered by account then time.

    `day` is the UTC day number (days since 1970-01-01) of each snapshot.
    """

    account_id: npt.NDArray[np.int64]
    day: npt.NDArray[np.int64]
    followers: npt.NDArray[np.int64]


def workspace_accounts(session: Session, workspace_id: int) -> list[AccountInfo]:
    """Every account of a workspace, grouped by creator, largest audience first."""
    stmt = (
        _info_query()
        .where(Account.workspace_id == workspace_id)
        .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
    )
    return _infos(session.execute(stmt).all())


def _day_number(session: Session) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "sqlite":
        # Stored as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; strftime('%s') reads it as UTC.
        seconds = cast(func.strftime("%s", Snapshot.taken_at), BigInteger)
        # Integer division of integers: a floor, as the day is after 1970.
        return (seconds // SECONDS_PER_DAY).label("day")
    epoch = func.extract("epoch", Snapshot.taken_at)
    return cast(func.floor(epoch / SECONDS_PER_DAY), BigInteger).label("day")


@contextlib.contextmanager
def column_reader(session: Session) -> Iterator[Any | None]:
    """An ADBC connection to the session's SQLite file, or None where the session must read.

    Another connection sees only committed rows, so it is offered only while the session's
    own connection has no transaction open (nothing written and not yet committed).
    """
    bind = session.get_bind()
    path = bind.engine.url.database if bind.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:") or not Path(path).is_file():
        yield None
        return
    try:
        import adbc_driver_sqlite.dbapi as adbc
    except ImportError:  # pragma: no cover - the driver is a dependency
        yield None
        return
    driver = session.connection().connection.dbapi_connection
    if driver is None or getattr(driver, "in_transaction", True):
        yield None
        return
    # Autocommit: each query is its own read transaction, ended once its rows are read, so
    # the reader never holds a lock the session's later writes would wait for.
    with adbc.connect(path, autocommit=True) as connection:
        try:
            # Arrow results and bound parameters without pyarrow (polars takes its place)
            # need a recent driver manager; an older one leaves the reading to the session.
            arrow_frame(connection, "SELECT ? AS probe", (1,))
        except Exception:  # pragma: no cover - depends on the installed driver manager
            yield None
            return
        # As the engine's own connections: wait for a writer rather than fail, map the file.
        for pragma in ("busy_timeout=30000", "mmap_size=1073741824", "cache_size=-65536"):
            arrow_frame(connection, f"PRAGMA {pragma}", ())
        yield connection


def stored_time(session: Session, moment: datetime) -> Any:
    """`moment` as the session's database stores it (SQLite: text in UTC)."""
    dialect = session.get_bind().dialect
    process = Snapshot.__table__.c.taken_at.type.dialect_impl(dialect).bind_processor(dialect)
    return moment if process is None else process(moment)


def id_list(account_ids: Sequence[int]) -> str:
    """Ids for an `IN (…)` of an ADBC query, written into it as integers (binding a list
    would need pyarrow)."""
    return ",".join(str(int(i)) for i in account_ids) or "NULL"


def arrow_frame(reader: Any, sql: str, params: tuple[Any, ...]) -> Any:
    """The result of a query as a polars DataFrame, through the Arrow C stream interface."""
    import polars as pl  # loaded by the refresh that reads columns, not by every command

    cursor = reader.cursor()
    try:
        # Large batches: the columns arrive in a few chunks rather than one per 1,024 rows.
        cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "262144"})
        cursor.execute(sql, params)
        return pl.DataFrame(cursor.fetch_arrow())
    finally:
        cursor.close()


def _seconds(reader: Any) -> str:
    """Seconds since 1970 of `taken_at`: `unixepoch` (SQLite 3.38) costs about a third of
    strftime('%s') per row; both read the stored text as UTC."""
    version = arrow_frame(reader, "SELECT sqlite_version() AS v", ())["v"][0]
    if tuple(int(p) for p in str(version).split(".")[:2]) >= (3, 38):
        return "unixepoch(taken_at)"
    return "CAST(strftime('%s', taken_at) AS INTEGER)"


def _arrow_follower_days(
    session: Session, reader: Any, account_ids: Sequence[int], since: datetime, until: datetime
) -> FollowerDays:
    import polars as pl

    # The (account_id, taken_at) unique index gives the order.
    ids = id_list(account_ids)
    sql = (
        f"SELECT account_id, {_seconds(reader)} / 86400 AS day, followers "
        f"FROM snapshots WHERE account_id IN ({ids}) AND taken_at >= ? AND taken_at <= ? "
        "AND followers IS NOT NULL ORDER BY account_id, taken_at"
    )
    frame = arrow_frame(reader, sql, (stored_time(session, since), stored_time(session, until)))
    if frame.height == 0:
        empty = np.zeros(0, dtype=np.int64)
        return FollowerDays(empty, empty.copy(), empty.copy())
    return FollowerDays(
        frame["account_id"].cast(pl.Int64).to_numpy(),
        frame["day"].cast(pl.Int64).to_numpy(),
        frame["followers"].cast(pl.Int64).to_numpy(),
    )


def follower_days(
    session: Session,
    account_ids: Sequence[int],
    *,
    since: datetime,
    until: datetime,
    reader: Any | None = None,
) -> FollowerDays:
    """Follower counts of the snapshots taken in [since, until], as columns.

    `reader`, from `column_reader`, reads them as Arrow columns; the result is the same.
    """
    if reader is not None:
        return _arrow_follower_days(session, reader, account_ids, since, until)
    stmt = (
        select(Snapshot.account_id, _day_number(session), Snapshot.followers)
        .where(
            Snapshot.account_id.in_(list(account_ids)),
            Snapshot.taken_at >= since,
            Snapshot.taken_at <= until,
            Snapshot.followers.is_not(None),
        )
        .order_by(Snapshot.account_id, Snapshot.taken_at)
    )
    flat = itertools.chain.from_iterable(session.execute(stmt))
    table = np.fromiter(flat, dtype=np.int64).reshape(-1, 3)
    return FollowerDays(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy())


def latest_snapshots(
    session: Session, account_ids: Sequence[int], *, since: datetime, until: datetime
) -> dict[int, SnapshotData]:
    """The latest snapshot with a follower count taken in [since, until], per account."""
    # The latest time per account comes from the (account_id, taken_at) index: a seek per
    # account, where numbering every snapshot would sort them all.
    inner = aliased(Snapshot)
    newest = (
        select(func.max(inner.taken_at))
        .where(
            inner.account_id == Account.id,
            inner.taken_at >= since,
            inner.taken_at <= until,
            inner.followers.is_not(None),
        )
        .scalar_subquery()
    )
    stmt = (
        select(
            Snapshot.account_id,
            Snapshot.taken_at,
            Snapshot.followers,
            Snapshot.following,
            Snapshot.source,
        )
        .select_from(Account)
        .join(Snapshot, (Snapshot.account_id == Account.id) & (Snapshot.taken_at == newest))
        .where(Account.id.in_(list(account_ids)))
    )
    return {
        account_id: SnapshotData(taken_at, source, followers, following)
        for account_id, taken_at, followers, following, source in session.execute(stmt)
    }
