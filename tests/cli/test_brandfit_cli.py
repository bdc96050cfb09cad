from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from brandfit_testing import seed_creator
from influent.services.core import Influent
from influent_testing import FIXTURES

BRIEF = FIXTURES / "brandfit" / "maison-verte.toml"


def test_it_imports_lists_and_exports_a_brief(
    cli_env: Callable[..., Result], workspace_id: int, tmp_path: Path
) -> None:
    imported = cli_env("brief", "import", str(BRIEF))
    assert imported.exit_code == 0, imported.stderr
    listed = json.loads(cli_env("brief", "list", "--json").stdout)
    assert [b["name"] for b in listed] == ["Maison Verte — sérum vegan"]
    exported = cli_env("brief", "export", "Maison Verte — sérum vegan")
    assert exported.exit_code == 0 and 'competitors = ["Typology", "Horace"]' in exported.stdout
    copy = tmp_path / "copy.toml"
    copy.write_text(exported.stdout, encoding="utf-8")
    assert cli_env("brief", "import", str(copy)).exit_code == 0
    assert len(json.loads(cli_env("brief", "list", "--json").stdout)) == 1


def test_it_refuses_a_bad_brief_with_a_sentence_and_exit_code_2(
    cli_env: Callable[..., Result], workspace_id: int, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\nbudget = "beaucoup"\n', encoding="utf-8")
    result = cli_env("brief", "import", str(bad), "--locale", "fr")
    assert result.exit_code == 2
    assert "n’est pas un budget" in result.stderr
    assert json.loads(cli_env("brief", "list", "--json").stdout) == []
    missing = cli_env("brief", "import", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2 and "Cannot read" in missing.stderr


def test_it_prints_the_shortlist_as_the_documented_json(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    seed_creator(
        influent,
        workspace_id,
        name="Léa Soin",
        handle="lea.soin",
        posts=["Routine peau sensible, cosmétiques vegan", "Mon sérum Horace du soir"],
    )
    cli_env("brief", "import", str(BRIEF))
    result = cli_env("shortlist", "maison-verte-serum-vegan", "--json", "--weight", "fit=5")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["brief"] == "Maison Verte — sérum vegan" and data["weights"]["fit"] == 5
    row = data["results"][0]
    assert row["rank"] == 1 and row["name"] == "Léa Soin"
    assert row["accounts"][0]["platform"] == "instagram"
    assert row["accounts"][0]["handle"] == "lea.soin"
    assert set(row["parts"]) >= {"fit", "quality", "engagement", "reach", "language", "country"}
    assert {"text", "url", "similarity"} <= set(row["evidence"][0])
    assert {"kind": "competitor", "url": "https://www.instagram.com/p/lea.soin-1/"}.items() <= (
        row["flags"][0].items()
    )


def test_it_refuses_an_unknown_weight(cli_env: Callable[..., Result], workspace_id: int) -> None:
    cli_env("brief", "import", str(BRIEF))
    result = cli_env("shortlist", "maison-verte-serum-vegan", "--weight", "charisma=3")
    assert result.exit_code == 2 and "charisma=3" in result.stderr


def test_it_lists_lookalikes_as_json(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    seed_creator(
        influent, workspace_id, name="A", handle="a.skin", posts=["Vegan skincare routine"]
    )
    seed_creator(influent, workspace_id, name="B", handle="b.peau", posts=["Routine soin vegan"])
    seed_creator(influent, workspace_id, name="C", handle="c.foot", posts=["Le match de foot"])
    result = cli_env("lookalikes", "@a.skin", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [r["name"] for r in data["results"]] == ["B", "C"]
    unknown = cli_env("lookalikes", "@nobody")
    assert unknown.exit_code == 2


def test_it_imports_survey_answers_and_lists_the_leads(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    seed_creator(influent, workspace_id, name="Léna Situations", handle="lenasituations", posts=[])
    export = FIXTURES / "brandfit" / "typeform_export.csv"
    imported = cli_env("survey", "import", str(export), "--json")
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout) == {"answers": 3, "skipped": 0, "matched": 2, "leads": 4}
    leads = json.loads(cli_env("survey", "leads", "--json").stdout)
    assert leads[0] == {
        "name": "Léna Situations",
        "mentions": 2,
        "creator_id": leads[0]["creator_id"],
        "lead_id": None,
        "provenance": "survey",
    }
    assert {"name": "Nouvelle Créatrice", "mentions": 2}.items() <= leads[1].items()
    again = cli_env("survey", "import", str(export), "--json")
    assert json.loads(again.stdout)["skipped"] == 3


def test_it_refuses_a_survey_file_it_cannot_read(
    cli_env: Callable[..., Result], workspace_id: int, tmp_path: Path
) -> None:
    missing = cli_env("survey", "import", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli_env("survey", "import", str(empty)).exit_code == 2
