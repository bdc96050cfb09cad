"""`influent report campaign`: the table, JSON, a spreadsheet, and refusals of bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from openpyxl import load_workbook

from influent.services.core import Influent


def test_it_prints_the_campaign_report_as_json_and_writes_a_spreadsheet(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    from services.test_orders_report import _world

    _, ids = _world(influent, workspace_id)
    out = tmp_path / "bilan.xlsx"
    done = cli_env("report", "campaign", "Lancement sérum", "--json", "--xlsx", str(out))
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert [row["creator_id"] for row in data["creators"]] == [ids["lena"], ids["hugo"]]
    assert data["unattributed"]["orders"] == 2 and data["totals"]["orders"] == 9
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.max_row == 5


def test_it_prints_a_table_in_french(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    from services.test_orders_report import _world

    _world(influent, workspace_id)
    done = cli_env("report", "campaign", "lancement-serum", "--locale", "fr")
    assert done.exit_code == 0, done.output
    assert "bilan de campagne" in done.stdout and "Peu de commandes" in done.stdout


def test_it_refuses_an_unknown_campaign_grouping_or_file(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    from services.test_orders_report import _world

    _world(influent, workspace_id)
    unknown = cli_env("report", "campaign", "nope")
    assert unknown.exit_code == 2 and "nope" in unknown.stderr
    grouped = cli_env("report", "campaign", "Soldes", "--by", "weather")
    assert grouped.exit_code == 2 and "weather" in grouped.stderr
    wrong = tmp_path / "bilan.txt"
    refused = cli_env("report", "campaign", "Soldes", "--xlsx", str(wrong))
    assert refused.exit_code == 2 and not wrong.exists()


def test_it_groups_the_report_by_deal(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    from services.test_orders_report import _world

    _world(influent, workspace_id)
    done = cli_env("report", "campaign", "Lancement sérum", "--by", "deal", "--json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["by"] == "deal" and len(data["creators"]) == 2
    assert all(row["group"] and row["creator_id"] is None for row in data["creators"])
