"""Hostile spreadsheets: how long each takes to be refused, and the peak memory it costs.

Each file is read by `read_sheet` in a child process of its own, so that its peak resident
memory (from the kernel, `wait4`) is its own. The baseline, measured in the same run, is the
same child reading a two-line CSV: the cost of starting Python and importing the reader.

    python benchmarks/bench_hostile_files.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_files as hostile

CHILD = """
import sys, time
from pathlib import Path
from influent.sources.spreadsheet.reader import OverLimit, read_sheet
path = Path(sys.argv[1])
started = time.perf_counter()
try:
    read_sheet(path)
    said = "read"
except OverLimit as error:
    said = error.message.code
print(f"{said} {time.perf_counter() - started:.3f}")
"""

FILES = {
    "baseline: a two-line CSV": ("small.csv", lambda: b"name,instagram\nMarie,@marie\n"),
    "dimension bomb (A1 and XFD1048576)": ("dimension.xlsx", hostile.dimension_bomb),
    "1 GB single cell": ("cell.xlsx", hostile.single_cell_bomb),
    "1 GB single cell, sizes lying": (
        "cell-lying.xlsx",
        lambda: hostile.single_cell_bomb(lie=True),
    ),
    "1.2 GB of rows (30 M rows)": ("rows.xlsx", hostile.many_rows_bomb),
    "1.2 GB of rows, sizes lying": ("rows-lying.xlsx", lambda: hostile.many_rows_bomb(lie=True)),
    "1.3 GB of whitespace padding": ("padding.xlsx", hostile.padding_bomb),
    "1.3 GB of padding, sizes lying": ("pad-lying.xlsx", lambda: hostile.padding_bomb(lie=True)),
    "300 MB of empty elements, sizes lying": ("elements.xlsx", hostile.lying_sizes_bomb),
    "ODS cell repeated over the whole sheet": ("repeat.ods", hostile.ods_repeat_bomb),
}


def measure(path: Path) -> tuple[float, int, str]:
    """Seconds read_sheet took, the process's peak MB and its answer, in a fresh process."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    said = child.stdout.read().decode().strip() or child.stderr.read().decode().strip()[-200:]
    _, _, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    child.stderr.close()
    answer, _, seconds = said.rpartition(" ")
    return float(seconds), usage.ru_maxrss // 1024, answer


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("| file | size on disk | answer | seconds | peak MB |\n|---|---:|---|---:|---:|")
        for label, (name, build) in FILES.items():
            path = Path(folder) / name
            path.write_bytes(build())
            seconds, peak, said = measure(path)
            size = path.stat().st_size
            print(f"| {label} | {size:,} B | `{said}` | {seconds:.3f} | {peak} |")


if __name__ == "__main__":
    main()
