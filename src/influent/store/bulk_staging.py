"""Handing SQLite a million rows without a Python call per row.

Python's sqlite3 binds every value of every row through the interpreter, which costs more
than SQLite's own insert. For bulk loads the rows are instead written, as Arrow columns,
into scratch databases by the ADBC SQLite driver (its loop is in C), and the import's own
connection copies them with one `INSERT … SELECT` per table inside its transaction, so a
failure still rolls everything back.

SQLite only attaches databases outside a transaction, and a transaction that has read a
scratch database would not see later writes to it. So the rows are staged and attached
before the import's transaction opens, and copied inside it. Scratch databases are
detached and deleted when the connection goes back to the pool.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

__all__ = ["STAGING_DIR", "available", "copy", "install", "remove_leftovers", "stage"]

_PREFIX = "influent_staging_"
_INFO_KEY = "influent_staging"
# session.info key: the private folder scratch databases go in, one subfolder per process.
STAGING_DIR = "influent_staging_dir"


def available(session: Session) -> bool:
    """True on SQLite, with the ADBC driver installed, outside a transaction."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    try:
        import adbc_driver_sqlite.dbapi  # noqa: F401
    except ImportError:
        return False
    driver = session.connection().connection.dbapi_connection
    return driver is not None and not driver.in_transaction


def stage(session: Session, tables: dict[str, tuple[dict[str, list[Any]], dict[str, Any]]]) -> bool:
    """Write each table's rows (lists by column, plus constants) to a scratch database.

    Returns False, having staged nothing, when `available` is False.
    """
    if not available(session):
        return False
    import adbc_driver_sqlite.dbapi as adbc

    driver = session.connection().connection.dbapi_connection
    assert driver is not None
    attached = dict(_attached(driver))
    staged: dict[str, dict[str, Any]] = {}
    for table, (columns, constants) in tables.items():
        schema = f"{_PREFIX}{table}"
        if schema in attached:
            path = attached[schema]  # left by an earlier load on this connection
        else:
            handle, path = tempfile.mkstemp(
                prefix="influent-staging-", suffix=".db", dir=_process_folder(session)
            )
            os.close(handle)  # an empty file is an empty SQLite database
        import polars as pl  # loaded by the imports that stage rows, not by every command

        frame = pl.DataFrame(columns, strict=False)
        # A column with no values at all has polars' Null type, which the driver cannot bind.
        frame = frame.with_columns(
            pl.col(name).cast(pl.String) for name, kind in frame.schema.items() if kind == pl.Null
        )
        with adbc.connect(path, autocommit=True) as scratch:
            cursor = scratch.cursor()
            # Scratch data: if the machine stops, the import has not committed anyway.
            cursor.execute("PRAGMA journal_mode = OFF")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.adbc_ingest("rows", frame, mode="replace")
            cursor.close()
        if schema not in attached:
            driver.execute(f"ATTACH DATABASE ? AS {schema}", (path,))
        staged[table] = {"columns": list(columns), "constants": constants}
    session.info[_INFO_KEY] = staged
    return True


def _process_folder(session: Session) -> Path | None:
    """This process's private staging folder (0700), or None for the system's temp folder."""
    root = session.info.get(STAGING_DIR)
    if root is None:
        return None
    folder = Path(root) / str(os.getpid())
    for level in (Path(root).parent, Path(root), folder):
        level.mkdir(mode=0o700, parents=True, exist_ok=True)
        level.chmod(0o700)
    return folder


def remove_leftovers(root: Path) -> int:
    """Delete the staging folders of processes that are gone (an import killed mid-way);
    returns how many were removed. A running process's folder is left alone."""
    if not root.is_dir():
        return 0
    removed = 0
    for folder in root.iterdir():
        if folder.name.isdigit() and _alive(int(folder.name)):
            continue
        shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink()
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # not a process id at all
        return False
    except PermissionError:  # another user's process
        return True
    return True


def copy(session: Session, table: str, computed: dict[str, str]) -> None:
    """Insert the rows staged for `table`; `computed` adds columns as SQL over `rowid`.

    Staged rows keep their order, and `rowid` numbers them from 1.
    """
    staged = session.info[_INFO_KEY].pop(table)
    columns: list[str] = staged["columns"]
    constants: dict[str, Any] = staged["constants"]
    names = [*columns, *constants, *computed]
    values = [*(f'"{c}"' for c in columns), *(f":{c}" for c in constants), *computed.values()]
    session.execute(
        text(
            f"INSERT INTO {table} ({', '.join(names)}) "
            f"SELECT {', '.join(values)} FROM {_PREFIX}{table}.rows ORDER BY rowid"
        ),
        constants,
    )


def install(engine: Engine) -> None:
    """Detach and delete scratch databases when a connection returns to the pool."""
    event.listen(engine, "checkin", _detach)


def _attached(driver: Any) -> list[tuple[str, str]]:
    rows = driver.execute("PRAGMA database_list").fetchall()
    return [(name, file) for _, name, file in rows if name.startswith(_PREFIX)]


def _detach(dbapi_connection: Any, _record: Any) -> None:
    if dbapi_connection is None:
        return
    try:
        staged = _attached(dbapi_connection)
    except Exception:  # a closed or broken connection has nothing attached
        return
    for name, file in staged:
        with contextlib.suppress(Exception):
            dbapi_connection.execute(f"DETACH DATABASE {name}")
            Path(file).unlink(missing_ok=True)
