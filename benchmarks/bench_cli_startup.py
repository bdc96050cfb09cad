"""Command-line start-up: `influent --help` and two commands, beside bare Python and Typer.

Every figure is the time of a fresh process, as a person types the command: wall time, and
the processor time it used (user + system), which a busy machine inflates much less:

- baselines: `python -c pass`, `python -c "import typer"` (the CLI library alone) and the
  `--help` of a two-command Typer app (the library printing a help page);
- `influent --help`;
- `influent audit --help` and `influent history --help`: a command's start-up up to the point
  where its own work would begin (imports, options, the app object), without the work;
- `influent audit @handle` and `influent history @handle` on the demo workspace, whole.

    python benchmarks/bench_cli_startup.py [--runs 7] [--data DIR]

The demo workspace is the one of bench_creator_page.py (benchmarks/.data/creator-page/),
built once. Commands alternate run by run, so that each meets the same load; bytecode is
compiled once before timing, as an installed package has it.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).parent / ".data" / "creator-page"
_INFLUENT = [sys.executable, "-c", "from influent.cli.main import run; run()"]


def _env(folder: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "INFLUENT_DATABASE_URL": f"sqlite:///{folder / 'influent.db'}",
        "INFLUENT_DATA_DIR": str(folder / "data"),
        "COLUMNS": "100",
    }
    # An installed package has its bytecode compiled; a source checkout gets it on first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _build_demo(folder: Path, env: dict[str, str]) -> None:
    if (folder / "influent.db").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Building the demo workspace in {folder} (a few minutes, once)…", flush=True)
    subprocess.run([*_INFLUENT, "demo"], env=env, check=True)


def _a_handle(folder: Path) -> str:
    with sqlite3.connect(folder / "influent.db") as db:
        row = db.execute("SELECT handle FROM accounts ORDER BY followers DESC LIMIT 1").fetchone()
    return f"@{row[0]}"


_TWO_COMMANDS = """
import typer
app = typer.Typer(help="Two commands.", add_completion=False)
@app.command()
def first(name: str = typer.Option("x", help="A name.")) -> None:
    \"\"\"The first.\"\"\"
@app.command()
def second() -> None:
    \"\"\"The second.\"\"\"
app()
"""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and processor seconds of one run."""
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="Folder of the demo workspace.")
    parser.add_argument("--runs", type=int, default=7, help="Runs of each command.")
    args = parser.parse_args()
    env = _env(args.data)
    _build_demo(args.data, env)
    handle = _a_handle(args.data)
    commands = {
        "baseline: python -c pass": [sys.executable, "-c", "pass"],
        "baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "baseline: a two-command Typer app's --help": [
            sys.executable,
            "-c",
            _TWO_COMMANDS,
            "--help",
        ],
        "influent --help": [*_INFLUENT, "--help"],
        "influent audit --help": [*_INFLUENT, "audit", "--help"],
        "influent history --help": [*_INFLUENT, "history", "--help"],
        f"influent audit {handle}": [*_INFLUENT, "audit", handle],
        f"influent history {handle}": [*_INFLUENT, "history", handle],
    }
    for command in commands.values():  # compiles and caches the bytecode
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            seconds, used = _seconds(command, env)
            wall[name].append(seconds)
            cpu[name].append(used)
    print(f"{args.runs} runs each, alternating; load average {os.getloadavg()}")
    print("| command | wall, best s | wall, median s | processor, median s | / Typer app's help |")
    print("|---|---:|---:|---:|---:|")
    typer_help = statistics.median(cpu["baseline: a two-command Typer app's --help"])
    for name in commands:
        median = statistics.median(wall[name])
        used = statistics.median(cpu[name])
        print(
            f"| `{name}` | {min(wall[name]):.2f} | {median:.2f} | {used:.2f} "
            f"| {used / typer_help:.1f}× |"
        )


if __name__ == "__main__":
    main()
