"""Import speed: a generated 1,000,000-row creators CSV into SQLite.

Target (issue #2): at least 100,000 rows/s. Baseline, measured in the same run on the
same file: polars.read_csv, which only parses (no checks, no database).

    python benchmarks/bench_import.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
from datagen import creators_csv

from influent.services.core import Influent
from influent.services.importing import import_creators
from influent.services.workspaces import default_workspace
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

    rate, base_rate = args.rows / elapsed, args.rows / baseline
    print(f"\nImport of {args.rows:,} creators ({size_mb:.0f} MB CSV) into SQLite")
    print(f"{'':32}{'seconds':>10}{'rows/s':>14}")
    print(f"{'polars.read_csv (parse only)':32}{baseline:>10.2f}{base_rate:>14,.0f}")
    print(f"{'influent import creators':32}{elapsed:>10.2f}{rate:>14,.0f}")
    print(f"Influent takes {elapsed / baseline:.1f}x the parse-only time.")
    print(f"Target ≥ {TARGET:,} rows/s: {'met' if rate >= TARGET else 'NOT met'}.")


if __name__ == "__main__":
    main()
