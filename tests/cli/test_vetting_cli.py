from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from influent.cli import common
from influent.cli.vetting import audience_cli, audit, history
from influent.services.core import Influent
from influent.settings import get_settings
from influent_testing import seed_vetted_creator

runner = CliRunner()


def make_app() -> typer.Typer:
    """The commands as the main CLI registers them."""
    cli = typer.Typer()
    cli.command("audit")(audit)
    cli.command("history")(history)
    cli.add_typer(audience_cli, name="audience")
    return cli


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[typer.Typer]:
    monkeypatch.setenv("INFLUENT_DATABASE_URL", database_url)
    get_settings.cache_clear()
    common._app = None
    yield make_app()
    if common._app is not None:
        common._app.close()
    common._app = None
    get_settings.cache_clear()


@pytest.fixture
def offline() -> typer.Typer:
    """The commands, for those that read only files."""
    return make_app()


def test_it_prints_the_audit_as_json(
    cli: typer.Typer, influent: Influent, workspace_id: int
) -> None:
    creator_id = seed_vetted_creator(influent, workspace_id)
    result = runner.invoke(cli, ["audit", "@marie.cuisine", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["creator_id"] == creator_id and isinstance(data["score"], int)
    signals = {s["name"]: s for s in data["main"]["quality"]["signals"]}
    assert {"value", "benchmark", "weight", "points", "sentence"} <= signals[
        "engagement_vs_tier"
    ].keys()
    assert {m["name"] for m in data["main"]["quality"]["missing"]} == {
        "fake_followers",
        "comment_authenticity",
    }
    [event] = data["main"]["events"]
    assert event["posts"][0]["external_id"] == "p9"


def test_it_prints_a_readable_breakdown(
    cli: typer.Typer, influent: Influent, workspace_id: int
) -> None:
    seed_vetted_creator(influent, workspace_id)
    result = runner.invoke(cli, ["audit", "@marie.cuisine"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Audience quality:" in result.stdout and "/100" in result.stdout
    for text in ("engagement vs tier", "Missing data", "fake followers", "Follower events"):
        assert text in result.stdout


def test_it_says_when_the_creator_is_unknown(cli: typer.Typer, workspace_id: int) -> None:
    result = runner.invoke(cli, ["audit", "@nobody"])
    assert result.exit_code == 1
    assert "no creator with the account" in result.stderr


def test_it_writes_the_history_chart_as_png(
    cli: typer.Typer, influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    seed_vetted_creator(influent, workspace_id)
    out = tmp_path / "out.png"
    result = runner.invoke(cli, ["history", "@marie.cuisine", "--chart", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (800, 450) and len(data) > 10_000
    assert "Week of" in result.stdout and "+3," in result.stdout
    assert "after the post of" in result.stdout


def test_it_audits_a_follower_sample_as_json(offline: typer.Typer, tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text(
        "username,followers,following,posts,has_profile_picture\n"
        "jean.dupont,1200,300,85,yes\n"
        "user84756392,3,7500,0,no\n",
        encoding="utf-8",
    )
    result = runner.invoke(offline, ["audience", "audit", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["accounts", "fake_share", "interval"]
    assert [a["row"] for a in data["accounts"]] == [1, 2]
    assert set(data["accounts"][0]) == {"row", "fake_probability", "is_fake", "reasons"}
    assert data["accounts"][1]["is_fake"] is True
    assert len(data["interval"]) == 2


def test_it_reads_text_in_number_columns_as_unknown(offline: typer.Typer, tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_bytes(
        "Pseudo;Abonnés;Abonnements\nclaire;beaucoup;210\nmax;1,5k;n/a\n".encode("cp1252")
    )
    result = runner.invoke(offline, ["audience", "audit", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    assert [a["row"] for a in json.loads(result.stdout)["accounts"]] == [1, 2]
    assert "Row 1, Abonnés:" in result.stderr


def test_it_summarises_a_sample_in_words(offline: typer.Typer, tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text("followers\tfollowing\n10\t4000\n5000\t200\n", encoding="utf-16")
    result = runner.invoke(offline, ["audience", "audit", str(sample)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Estimated fake followers:" in result.stdout and "95% interval" in result.stdout


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (b"", "sample.csv is empty."),
        (b"city,country\nParis,FR\n", "no row has a column the audit can read"),
        (b"username,followers\n", "no followers to audit"),
        (b"\x00\x01\x02binary\x00", "is not a text or spreadsheet file"),
    ],
)
def test_it_exits_2_with_a_sentence_for_a_sample_it_cannot_read(
    offline: typer.Typer, tmp_path: Path, content: bytes, sentence: str
) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_bytes(content)
    result = runner.invoke(offline, ["audience", "audit", str(sample), "--json"])
    assert result.exit_code == 2
    assert sentence in " ".join(result.stderr.split()) and result.stdout == ""


def test_it_exits_2_for_a_missing_sample(offline: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(offline, ["audience", "audit", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "nope.csv: no such file." in result.stderr
