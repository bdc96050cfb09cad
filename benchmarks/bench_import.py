"""Import speed: a generated 1,000,000-row creators CSV into SQLite.

Target (issue #2): at least 100,000 rows/s. Baseline, measured in the same run on the
same file: polars.read_csv, which only parses (no checks, no database).

    python benchmarks/bench_import.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
from datagen import creators_csv

from influent.services.accounts.workspaces import default_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.settings import Settings

DATA = Path(__file__).parent / ".data"
TARGET = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    csv_path = DATA / f"creators-{args.rows}.csv"
    if not csv_path.exists():
        print(f"Generating {csv_path.name} …", flush=True)
        creators_csv(csv_path, args.rows)
    size_mb = csv_path.stat().st_size / 1e6

    start = time.perf_counter()
    frame = pl.read_csv(csv_path)
    baseline = time.perf_counter() - start
    assert frame.height == args.rows

    db = DATA / "bench-import.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    app = Influent(Settings(database_url=f"sqlite:///{db}"))
    app.upgrade()
    with app.session() as session:
        workspace_id = default_workspace(session).id
    start = time.perf_counter()
    with app.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=csv_path)
    elapsed = time.perf_counter() - start
    assert report.created == args.rows and not report.problems, report.problems[:3]

    app.close()
    floor = storage_floor(db)
    bare = storage_floor(db, minimal=True)

    rate, base_rate = args.rows / elapsed, args.rows / baseline
    print(f"\nImport of {args.rows:,} creators ({size_mb:.0f} MB CSV) into SQLite")
    print(f"{'':32}{'seconds':>10}{'rows/s':>14}")
    print(f"{'polars.read_csv (parse only)':32}{baseline:>10.2f}{base_rate:>14,.0f}")
    print(f"{'influent import creators':32}{elapsed:>10.2f}{rate:>14,.0f}")
    print(f"{'SQLite alone, same indexes':32}{floor:>10.2f}{args.rows / floor:>14,.0f}")
    print(f"{'SQLite alone, unique index only':32}{bare:>10.2f}{args.rows / bare:>14,.0f}")
    print(f"Influent takes {elapsed / baseline:.1f}x the parse-only time.")
    print(f"Target ≥ {TARGET:,} rows/s: {'met' if rate >= TARGET else 'NOT met'}.")


def storage_floor(imported: Path, *, minimal: bool = False) -> float:
    """Seconds SQLite alone needs to store the same creators and accounts, already checked.

    A fresh database with Influent's schema copies the imported rows with `INSERT … SELECT`
    from the attached import (no parsing, no Python per row), then builds the same indexes
    and the FTS5 search index, and commits: the part of an import no parser can remove.
    `minimal` keeps only what merging needs (the accounts' unique index): no sort indexes
    for the table, no text search.
    """
    target = DATA / "bench-floor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    Influent(Settings(database_url=f"sqlite:///{target}")).upgrade()
    connection = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("PRAGMA cache_size=-262144")
    connection.execute("ATTACH DATABASE ? AS imported", (str(imported),))
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('creators', 'accounts')"
    ).fetchall()
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    connection.execute("DROP TRIGGER creators_fts_insert")
    connection.execute("INSERT OR IGNORE INTO workspaces SELECT * FROM imported.workspaces")
    connection.execute("INSERT INTO creators SELECT * FROM imported.creators")
    connection.execute("INSERT INTO accounts SELECT * FROM imported.accounts")
    for name, sql in indexes:
        if not minimal or name.startswith("uq_"):
            connection.execute(sql)
    if not minimal:
        connection.execute(
            "INSERT INTO creators_fts(rowid, search_text) SELECT id, search_text FROM creators"
        )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


if __name__ == "__main__":
    main()
