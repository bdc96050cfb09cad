"""Hostile spreadsheets on the command line: exit 2, one sentence, little memory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import hostile_files as hostile
from influent.services.core import Influent
from influent_testing import Team

Cli = Callable[..., Result]


@pytest.mark.parametrize(
    ("build", "sentence"),
    [
        (hostile.dimension_bomb, "a sheet may span at most 5,000,000 cells"),
        (lambda: hostile.single_cell_bomb(lie=True), "a cell may hold at most 32,767 characters"),
        (lambda: hostile.many_rows_bomb(lie=True), "a sheet may have at most 1,048,576 rows"),
        (hostile.padding_bomb, "more than 200 MB in one part"),
    ],
)
def test_it_refuses_a_bomb_with_exit_2_and_a_sentence(
    build: Callable[[], bytes], sentence: str, cli_env: Cli, team: Team, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(build())
    for command in (
        ["import", "creators", str(path), "--dry-run"],
        ["audience", "audit", str(path)],
    ):
        result = cli_env(*command)
        assert result.exit_code == 2, result.output
        said = " ".join(result.stderr.split())
        assert "bomb.xlsx is refused" in said and sentence in said


def _peak_mb(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `influent COMMAND` in a child process: its exit code and peak memory in MB."""
    child = subprocess.Popen(
        [sys.executable, "-c", "from influent.cli.main import run; run()", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    stderr = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    return child.returncode, f"{usage.ru_maxrss // 1024} {stderr}"


def test_a_refused_bomb_costs_no_more_memory_than_a_small_legitimate_file(
    influent: Influent, team: Team, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "INFLUENT_DATABASE_URL": influent.settings.database_url,
        "INFLUENT_SECRET_KEY": influent.settings.secret_key,
    }
    small = tmp_path / "small.csv"
    small.write_text("Nom,Pseudo\nMarie,@marie\n", encoding="utf-8")
    command = ["import", "creators", str(small), "--platform", "instagram", "--dry-run"]
    code, report = _peak_mb(command, env)
    assert code == 0, report
    baseline = int(report.split()[0])
    for build in (hostile.dimension_bomb, lambda: hostile.single_cell_bomb(lie=True)):
        bomb = tmp_path / "bomb.xlsx"
        bomb.write_bytes(build())
        code, report = _peak_mb(["import", "creators", str(bomb), "--dry-run"], env)
        assert code == 2, report
        assert "is refused" in report
        # The 549 GB rectangle and the 1 GB cell are never allocated: the peak stays within
        # a few MB of reading a two-line CSV.
        assert int(report.split()[0]) < baseline + 40, (baseline, report)
