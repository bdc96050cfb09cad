"""`influent import creators` and `influent export creators`, end to end."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import func, select

from influent.services.core import Influent
from influent.store.models import Account, Creator

Cli = Callable[..., Result]

GOOD = (
    "Nom;Pseudo;Réseau;Abonnés;Taux d'engagement;Colonne X\n"
    "Marie;@marie;Instagram;150k;5,3%;12 000\n"
    "Hugo;hugo_velo;YouTube;8 200;2,1 %;300\n"
)
ONE_BAD = (
    "Name,Handle,Platform,Followers\n"
    "Good,@good,instagram,1000\n"
    "Bad,@bad,instagram,beaucoup\n"
    "Fine,@fine,instagram,2000\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def counts(influent: Influent) -> tuple[int, int]:
    with influent.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Creator)) or 0,
            session.scalar(select(func.count()).select_from(Account)) or 0,
        )


def summary(result: Result) -> dict[str, object]:
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_it_imports_a_file_and_prints_the_summary(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(tmp_path, "fr.csv", GOOD, "cp1252")
    result = cli_env("import", "creators", str(path))
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0, rejected 0" in result.stdout
    assert "encoding cp1252" in result.stdout
    assert counts(influent) == (2, 2)


def test_it_prints_the_summary_as_json(cli_env: Cli, influent: Influent, tmp_path: Path) -> None:
    path = write(tmp_path, "fr.csv", GOOD)
    data = summary(cli_env("import", "creators", str(path), "--json"))
    assert {k: data[k] for k in ("created", "updated", "unchanged", "rejected")} == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }
    assert data["mapping"] == {
        "Nom": "name",
        "Pseudo": "handle",
        "Réseau": "platform",
        "Abonnés": "followers",
        "Taux d'engagement": "engagement",
        "Colonne X": "custom field",
    }
    assert (data["written"], data["dry_run"], data["problems"]) == (True, False, [])
    again = summary(cli_env("import", "creators", str(path), "--json"))
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert counts(influent) == (2, 2)


def test_it_reports_updated_rows_on_reimport(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    cli_env("import", "creators", str(write(tmp_path, "a.csv", GOOD)))
    changed = GOOD.replace("150k", "160k") + "Zoé;@zoe;instagram;1k;;\n"
    data = summary(cli_env("import", "creators", str(write(tmp_path, "b.csv", changed)), "--json"))
    assert (data["created"], data["updated"], data["unchanged"], data["rejected"]) == (1, 1, 1, 0)
    assert counts(influent) == (3, 3)


def test_it_shows_the_mapping_and_problems_on_a_dry_run_and_writes_nothing(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", ONE_BAD)
    result = cli_env("import", "creators", str(path), "--dry-run")
    assert result.exit_code == 1
    out = result.stdout
    assert "Column mapping" in out and "followers" in out
    assert "Would import: 3 rows — created 2, updated 0, unchanged 0, rejected 1." in out
    assert "beaucoup" in out and "is not a number" in out
    assert counts(influent) == (0, 0)
    data = summary(
        cli_env("import", "creators", str(write(tmp_path, "ok.csv", GOOD)), "--dry-run", "--json")
    )
    assert (data["dry_run"], data["written"], data["created"]) == (True, False, 2)
    assert counts(influent) == (0, 0)


def test_it_writes_nothing_and_exits_1_when_a_row_is_invalid(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", ONE_BAD)
    result = cli_env("import", "creators", str(path))
    assert result.exit_code == 1
    assert "nothing was imported" in result.stderr
    assert "Nothing written" in result.stdout
    assert counts(influent) == (0, 0)
    data = summary(cli_env("import", "creators", str(path), "--json"))
    assert data["problems"] == [
        {
            "row": 3,
            "column": "Followers",
            "value": "beaucoup",
            "reason": "“beaucoup” is not a number (try 12500, 12 500, 12.5k or 1,2M)",
            "code": "not_a_count",
            "params": {"text": "beaucoup"},
        }
    ]
    assert (data["written"], data["rejected"]) == (False, 1)
    assert counts(influent) == (0, 0)


def test_it_imports_good_rows_and_writes_rejects_with_skip_invalid(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", ONE_BAD)
    rejects = tmp_path / "rejects.csv"
    result = cli_env(
        "import", "creators", str(path), "--skip-invalid", "--rejects", str(rejects), "--json"
    )
    assert result.exit_code == 0, result.output
    data = summary(result)
    assert (data["created"], data["rejected"], data["rejects_file"]) == (2, 1, "rejects.csv")
    assert counts(influent) == (2, 2)
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["row", "Name", "Handle", "Platform", "Followers", "reason"],
            [
                "3",
                "Bad",
                "'@bad",  # a spreadsheet shows it as text, and the import reads @bad
                "instagram",
                "beaucoup",
                "Followers: “beaucoup” is not a number (try 12500, 12 500, 12.5k or 1,2M)",
            ],
        ]


def test_it_maps_a_column_with_map(cli_env: Cli, influent: Influent, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "Pseudo;Réseau;Portée;Ville\n@marie;instagram;12k;Lyon\n")
    data = summary(
        cli_env(
            "import",
            "creators",
            str(path),
            "--map",
            "Portée=followers",
            "--map",
            "Ville=ignore",
            "--json",
        )
    )
    assert data["mapping"] == {
        "Pseudo": "handle",
        "Réseau": "platform",
        "Portée": "followers",
        "Ville": "ignored",
    }
    with influent.session() as session:
        creator = session.scalars(select(Creator)).one()
        assert (creator.followers, creator.custom_fields) == (12_000, {})


def test_it_refuses_a_map_it_cannot_read(cli_env: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", GOOD)
    result = cli_env("import", "creators", str(path), "--map", "Portée=fans")
    assert result.exit_code == 2
    assert "unknown field “fans”" in result.stderr


def test_it_takes_the_platform_from_the_option(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "yt.csv", "Channel name;Subscribers\n@cuisinefacile;250k\nbricoloco;80 000\n"
    )
    without = cli_env("import", "creators", str(path), "--json")
    assert without.exit_code == 1
    assert summary(without)["rejected"] == 2
    result = cli_env("import", "creators", str(path), "--platform", "youtube", "--json")
    assert result.exit_code == 0, result.output
    assert summary(result)["created"] == 2
    with influent.session() as session:
        assert set(session.scalars(select(Account.platform))) == {"youtube"}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "empty.csv is empty."),
        ("garbage.csv", bytes(range(256)) * 20, "it looks binary"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 100, "cannot be opened"),
        ("fake.xlsx", b"not a workbook at all", "is not a valid XLSX file."),
        (
            "poem.txt",
            "Demain, dès l'aube, à l'heure où blanchit la campagne,\n"
            "Je partirai. Vois-tu, je sais que tu m'attends.\n".encode(),
            "has no handle or profile URL column",
        ),
    ],
)
def test_it_exits_2_with_one_sentence_on_an_unreadable_file(
    cli_env: Cli, influent: Influent, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cli_env("import", "creators", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.count("Error:") == 1
    assert counts(influent) == (0, 0)


def test_it_exits_2_on_a_missing_file(cli_env: Cli, tmp_path: Path) -> None:
    result = cli_env("import", "creators", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "nope.csv: no such file." in result.stderr


def test_it_shows_progress_unless_printing_json(cli_env: Cli, tmp_path: Path) -> None:
    rows = "".join(f"@creator{i};instagram;{i}\n" for i in range(3_000))
    path = write(tmp_path, "many.csv", "Pseudo;Réseau;Abonnés\n" + rows)
    result = cli_env("import", "creators", str(path))
    assert result.exit_code == 0, result.output
    assert "Checking rows" in result.stderr
    assert "Writing creators" in result.stderr
    quiet = cli_env("import", "creators", str(path), "--json")
    assert quiet.stderr == ""
    assert summary(quiet)["unchanged"] == 3_000


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_exports_and_imports_back_without_change(
    cli_env: Cli, influent: Influent, tmp_path: Path, suffix: str
) -> None:
    cli_env("import", "creators", str(write(tmp_path, "fr.csv", GOOD)))
    out = tmp_path / f"out{suffix}"
    result = cli_env("export", "creators", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote 2 rows to {out}" in result.stdout.replace("\n", "")
    data = summary(cli_env("import", "creators", str(out), "--json"))
    assert (data["created"], data["updated"], data["unchanged"], data["rejected"]) == (0, 0, 2, 0)
    assert counts(influent) == (2, 2)


def test_it_refuses_to_export_to_another_format(cli_env: Cli, tmp_path: Path) -> None:
    result = cli_env("export", "creators", str(tmp_path / "out.pdf"))
    assert result.exit_code == 2
    assert "export to a .csv or .xlsx file" in result.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_exits_2_when_the_export_cannot_be_written(
    cli_env: Cli, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / "missing-folder" / f"out{suffix}"
    result = cli_env("export", "creators", str(target))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "No such file or directory" in result.stderr
    assert "Traceback" not in result.output


def test_it_exits_2_and_writes_nothing_when_the_rejects_cannot_be_written(
    cli_env: Cli, influent: Influent, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", ONE_BAD)
    rejects = tmp_path / "missing-folder" / "rejects.csv"
    result = cli_env("import", "creators", str(path), "--skip-invalid", "--rejects", str(rejects))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert counts(influent) == (0, 0)


def test_it_reports_an_import_in_french(
    cli_env: Cli, influent: Influent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no header is cut
    path = write(tmp_path, "bad.csv", ONE_BAD)
    result = cli_env("import", "creators", str(path), "--dry-run", "--locale", "fr")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())  # the table's title and cells wrap to its width
    assert "Correspondance des colonnes" in out and "Abonnés" in out
    assert "« beaucoup » n’est pas un nombre" in out
    assert "Importerait : 3 lignes — créées 2, mises à jour 0, inchangées 0, rejetées 1." in out
    assert "Vérification des lignes" in result.stderr  # the progress bars speak French too
    assert counts(influent) == (0, 0)
    refused = cli_env("import", "creators", str(path), "--locale", "fr")
    assert "rien n’a été importé" in refused.stderr and "Rien d’écrit" in refused.stdout
