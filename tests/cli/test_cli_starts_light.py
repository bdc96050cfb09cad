"""The command line starts without the heavy libraries: each command imports what it uses."""

from __future__ import annotations

import json
import subprocess
import sys

# Chart drawing, column engines, machine learning and the database layer: seconds of imports
# that `influent --help` and the commands that do not use them must not pay for.
HEAVY = (
    "matplotlib",
    "polars",
    "numpy",
    "sklearn",
    "scipy",
    "pandas",
    "duckdb",
    "pyarrow",
    "torch",
    "sqlalchemy",
    "alembic",
    "huey",
)

_PROBE = """
import json, sys
import influent.cli.main
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout))


def test_it_imports_the_command_line_without_heavy_libraries() -> None:
    loaded = _modules_after(_PROBE)
    assert sorted(loaded & set(HEAVY)) == []


def test_it_prints_its_help_without_heavy_libraries() -> None:
    code = """
import json, sys
from typer.testing import CliRunner
from influent.cli.main import cli
result = CliRunner().invoke(cli, ["--help"])
assert result.exit_code == 0, result.output
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""
    loaded = _modules_after(code)
    assert sorted(loaded & set(HEAVY)) == []
