"""`influent creators`: list, show, add, edit, tag and note from the terminal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from influent.services.accounts.workspaces import default_workspace
from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators

Cli = Callable[..., Result]

CREATORS = (
    "Nom;Pseudo;Réseau;Abonnés;Taux d'engagement;E-mail;Pays;Langue;Catégorie;Tags\n"
    "Marie Dupont;@marie.cuisine;Instagram;150k;5,3%;marie@example.com;France;fr;Cuisine;food\n"
    "Hugo Martin;hugo_velo;YouTube;8 200;2,1 %;;France;fr;Vélo;sport\n"
    "Ana Lima;@ana.lima;Instagram;1,2M;3%;;Brazil;pt;Beauté;food, beauty\n"
    "Kenji Sato;kenji;TikTok;45 000;7 %;;Japan;ja;Tech;\n"
    "Jo Instagram;@jo;instagram;600;;;;;;\n"
    "Jo YouTube;@jo;youtube;700;;;;;;\n"
)


@pytest.fixture
def seeded(influent: Influent, tmp_path: Path) -> int:
    """Six creators in the default workspace."""
    path = tmp_path / "creators.csv"
    path.write_text(CREATORS, encoding="utf-8")
    with influent.session() as session:
        workspace_id = default_workspace(session).id
        report = import_creators(session, workspace_id=workspace_id, path=path)
        assert (report.created, report.problems) == (6, [])
    return workspace_id


def listed(cli_env: Cli, *options: str) -> list[str]:
    result = cli_env("creators", "list", "--json", *options)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["total"] == len(data["creators"])
    return [c["handle"] for c in data["creators"]]


def shown(cli_env: Cli, ref: str) -> dict[str, Any]:
    result = cli_env("creators", "show", ref, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_it_lists_creators_by_followers_as_json(cli_env: Cli, seeded: int) -> None:
    result = cli_env("creators", "list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["total"], data["total_is_exact"], data["page"]) == (6, True, 1)
    assert [c["handle"] for c in data["creators"]] == [
        "ana.lima",
        "marie.cuisine",
        "kenji",
        "hugo_velo",
        "jo",
        "jo",
    ]
    marie = data["creators"][1]
    assert marie["name"] == "Marie Dupont"
    assert (marie["followers"], marie["country"], marie["language"]) == (150_000, "FR", "fr")
    assert marie["engagement_rate"] == pytest.approx(0.053)
    assert marie["tags"] == ["food"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--platform", "instagram"), ["ana.lima", "marie.cuisine", "jo"]),
        (("--tier", "micro"), ["kenji"]),
        (("--tier", "mega"), ["ana.lima"]),
        (("--tier", "nano"), ["hugo_velo", "jo", "jo"]),
        (("--min-followers", "10k"), ["ana.lima", "marie.cuisine", "kenji"]),
        (
            ("--min-followers", "1 000", "--max-followers", "150k"),
            ["marie.cuisine", "kenji", "hugo_velo"],
        ),
        (("--tag", "food"), ["ana.lima", "marie.cuisine"]),
        (("--country", "fr"), ["marie.cuisine", "hugo_velo"]),
        (("--language", "PT"), ["ana.lima"]),
        (("--search", "dupont"), ["marie.cuisine"]),
        (("-s", "velo"), ["hugo_velo"]),
        (("--sort", "name"), ["ana.lima", "hugo_velo", "jo", "jo", "kenji", "marie.cuisine"]),
        (("--sort", "followers"), ["jo", "jo", "hugo_velo", "kenji", "marie.cuisine", "ana.lima"]),
        (("--sort", "-engagement", "--tier", "micro"), ["kenji"]),
        (("--per-page", "2", "--page", "2"), ["kenji", "hugo_velo"]),
    ],
)
def test_it_filters_and_sorts_the_list(
    cli_env: Cli, seeded: int, options: tuple[str, ...], expected: list[str]
) -> None:
    result = cli_env("creators", "list", "--json", *options)
    assert result.exit_code == 0, result.output
    assert [c["handle"] for c in json.loads(result.stdout)["creators"]] == expected


def test_it_prints_a_table_without_json(cli_env: Cli, seeded: int) -> None:
    result = cli_env("creators", "list", "--tag", "food")
    assert result.exit_code == 0, result.output
    # The table wraps to the terminal's width; the words are there.
    assert "Marie" in result.stdout and "Dupont" in result.stdout
    assert "150,000" in result.stdout
    assert "2 creators, page 1 of 1." in result.stdout


def test_it_refuses_an_unknown_sort_or_count(cli_env: Cli, seeded: int) -> None:
    bad_sort = cli_env("creators", "list", "--sort", "size")
    assert bad_sort.exit_code == 2 and "unknown sort “size”" in bad_sort.stderr
    bad_count = cli_env("creators", "list", "--min-followers", "lots")
    assert bad_count.exit_code == 2 and "“lots”" in bad_count.stderr


def test_it_shows_a_creator_by_handle_id_platform_or_url(cli_env: Cli, seeded: int) -> None:
    marie = shown(cli_env, "@marie.cuisine")
    assert marie["name"] == "Marie Dupont"
    assert marie["email"] == "marie@example.com"
    assert [(a["platform"], a["handle"], a["followers"]) for a in marie["accounts"]] == [
        ("instagram", "marie.cuisine", 150_000)
    ]
    assert marie["accounts"][0]["stats_source"] == "import"
    assert shown(cli_env, f"#{marie['id']}")["id"] == marie["id"]
    assert shown(cli_env, str(marie["id"]))["id"] == marie["id"]
    assert shown(cli_env, "https://www.instagram.com/Marie.Cuisine/")["id"] == marie["id"]
    assert shown(cli_env, "youtube:jo")["name"] == "Jo YouTube"
    text = cli_env("creators", "show", "@marie.cuisine")
    assert text.exit_code == 0
    assert "Marie Dupont" in text.stdout and "marie@example.com" in text.stdout


def test_it_says_when_a_creator_is_not_found_or_ambiguous(cli_env: Cli, seeded: int) -> None:
    missing = cli_env("creators", "show", "@nobody")
    assert missing.exit_code == 1
    assert "no creator with the account “@nobody”" in missing.stderr
    ambiguous = cli_env("creators", "show", "@jo")
    assert ambiguous.exit_code == 1
    assert "several platforms" in ambiguous.stderr and "platform:jo" in ambiguous.stderr


def test_it_adds_a_creator(cli_env: Cli, seeded: int) -> None:
    result = cli_env(
        "creators",
        "add",
        "https://www.tiktok.com/@lea.danse",
        "--name",
        "Léa",
        "--followers",
        "12,5k",
        "--engagement",
        "4,5 %",
        "--email",
        "Lea@Example.com",
        "--country",
        "Belgique",
        "--language",
        "Français",
        "--category",
        "Danse",
        "--tag",
        "dance",
        "--tag",
        "belgique",
    )
    assert result.exit_code == 0, result.output
    assert "Added Léa (#" in result.stdout
    lea = shown(cli_env, "tiktok:lea.danse")
    assert (lea["name"], lea["email"], lea["country"], lea["language"], lea["category"]) == (
        "Léa",
        "lea@example.com",
        "BE",
        "fr",
        "Danse",
    )
    assert lea["tags"] == ["belgique", "dance"]
    account = lea["accounts"][0]
    assert (account["platform"], account["followers"], account["url"]) == (
        "tiktok",
        12_500,
        "https://www.tiktok.com/@lea.danse",
    )
    assert account["engagement_rate"] == pytest.approx(0.045)
    assert listed(cli_env, "--search", "lea") == ["lea.danse"]


def test_it_refuses_to_add_a_duplicate_or_an_account_without_platform(
    cli_env: Cli, seeded: int
) -> None:
    clash = cli_env("creators", "add", "@marie.cuisine", "--platform", "instagram")
    assert clash.exit_code == 1
    assert "already belongs to creator" in clash.stderr
    bare = cli_env("creators", "add", "@someone")
    assert bare.exit_code == 1
    assert "say which platform" in bare.stderr
    rate = cli_env("creators", "add", "@x", "--platform", "instagram", "--engagement", "lots")
    assert rate.exit_code == 2
    assert len(listed(cli_env)) == 6


def test_it_edits_a_creator(cli_env: Cli, seeded: int) -> None:
    result = cli_env(
        "creators",
        "edit",
        "@marie.cuisine",
        "--set",
        "name=Marie D.",
        "--set",
        "email=Marie.D@Example.com",
        "--set",
        "country=Suisse",
        "--set",
        "notes=Prefers email",
        "--set",
        "agent=",
    )
    assert result.exit_code == 0, result.output
    marie = shown(cli_env, "@marie.cuisine")
    assert (marie["name"], marie["email"], marie["country"], marie["notes"], marie["agent"]) == (
        "Marie D.",
        "marie.d@example.com",
        "CH",
        "Prefers email",
        None,
    )
    assert listed(cli_env, "--search", "marie d") == ["marie.cuisine"]


@pytest.mark.parametrize(
    ("setting", "code", "message"),
    [
        ("followers=10", 1, "“followers” cannot be edited"),
        ("email=nope", 1, "is not an email address"),
        ("name=", 1, "a creator needs a name"),
        ("name", 2, "--set needs field=value"),
    ],
)
def test_it_refuses_edits_it_cannot_make(
    cli_env: Cli, seeded: int, setting: str, code: int, message: str
) -> None:
    result = cli_env("creators", "edit", "@marie.cuisine", "--set", setting)
    assert result.exit_code == code
    assert message in result.stderr
    assert shown(cli_env, "@marie.cuisine")["name"] == "Marie Dupont"


def test_it_tags_and_untags_a_creator(cli_env: Cli, seeded: int) -> None:
    result = cli_env("creators", "tag", "@marie.cuisine", "summer", "vegan, lyon")
    assert result.exit_code == 0, result.output
    assert shown(cli_env, "@marie.cuisine")["tags"] == ["food", "lyon", "summer", "vegan"]
    assert listed(cli_env, "--tag", "summer") == ["marie.cuisine"]
    removed = cli_env("creators", "tag", "@marie.cuisine", "food", "--remove")
    assert removed.exit_code == 0, removed.output
    assert shown(cli_env, "@marie.cuisine")["tags"] == ["lyon", "summer", "vegan"]
    assert listed(cli_env, "--tag", "food") == ["ana.lima"]
    missing = cli_env("creators", "tag", "@nobody", "x")
    assert missing.exit_code == 1


def test_it_adds_dated_notes(cli_env: Cli, seeded: int) -> None:
    first = cli_env("creators", "note", "@marie.cuisine", "Called her agent")
    assert first.exit_code == 0, first.output
    assert "Noted on Marie Dupont." in first.stdout
    cli_env("creators", "note", "@marie.cuisine", "  Sent the brief  ")
    notes = shown(cli_env, "@marie.cuisine")["note_items"]
    assert [n["body"] for n in notes] == ["Sent the brief", "Called her agent"]  # newest first
    assert all(n["created_at"] for n in notes)
    assert "Sent the brief" in cli_env("creators", "show", "@marie.cuisine").stdout
    empty = cli_env("creators", "note", "@marie.cuisine", "   ")
    assert empty.exit_code == 1 and "a note cannot be empty" in empty.stderr


def test_it_works_on_an_empty_install(cli_env: Cli) -> None:
    data = json.loads(cli_env("creators", "list", "--json").stdout)
    assert (data["total"], data["creators"]) == (0, [])


def test_it_prints_the_table_and_a_creator_in_french(
    cli_env: Cli, seeded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no header is cut
    result = cli_env("creators", "list", "--tag", "food", "--locale", "fr")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Abonnés" in out and "Plateforme" in out and "Followers" not in out
    assert "150\u202f000" in out and "5,30\u00a0%" in out
    assert "2 créateurs, page 1 sur 1." in out
    one = cli_env("creators", "list", "--search", "marie", "--locale", "fr").stdout
    assert "1 créateur, page 1 sur 1." in one
    shown = cli_env("creators", "show", "@marie.cuisine", "--locale", "fr")
    assert shown.exit_code == 0, shown.output
    assert "E-mail : marie@example.com" in shown.stdout or "marie@example.com" in shown.stdout
    assert "Mis à jour" in shown.stdout and "Instagram" in shown.stdout
    missing = cli_env("creators", "show", "@nobody", "--locale", "fr")
    assert missing.exit_code == 1
    assert "aucun créateur n’a le compte «\u00a0@nobody\u00a0»" in missing.stderr


def test_a_narrow_terminal_never_cuts_a_number(
    cli_env: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    added = cli_env(
        "creators",
        "add",
        "@a.very.long.handle.for.a.narrow.terminal",
        "--platform",
        "instagram",
        "--name",
        "Anne-Charlotte de la Rochefoucauld",
        "--followers",
        "3170994",
        "--engagement",
        "4,17 %",
    )
    assert added.exit_code == 0, added.output
    monkeypatch.setenv("COLUMNS", "60")
    listed = cli_env("creators", "list")
    assert listed.exit_code == 0, listed.output
    assert "3,170,994" in listed.stdout and "4.17%" in listed.stdout


def test_it_lists_sorts_and_filters_by_audience_quality(cli_env: Cli, seeded: int) -> None:
    result = cli_env("creators", "list", "--json", "--sort", "-quality")
    assert result.exit_code == 0, result.output
    creators = json.loads(result.stdout)["creators"]
    scored = [c for c in creators if c["quality"] and c["quality"]["score"] is not None]
    # The stated engagement of the two Instagram accounts gives each a provisional score.
    assert {c["handle"] for c in scored} == {"marie.cuisine", "ana.lima"}
    assert [c["handle"] for c in creators[:2]] == [c["handle"] for c in scored]
    assert all(c["quality"]["provisional"] and c["quality"]["signals_used"] == 1 for c in scored)
    assert set(listed(cli_env, "--flag", "provisional")) == {"marie.cuisine", "ana.lima"}
    assert listed(cli_env, "--max-quality", "10") == []
    table = cli_env("creators", "list", "--sort", "-quality", "--locale", "fr")
    assert table.exit_code == 0 and "56" in table.stdout and "(1/7)" in table.stdout


def test_it_refuses_an_unknown_quality_flag_in_both_languages(cli_env: Cli, seeded: int) -> None:
    english = cli_env("creators", "list", "--flag", "shady")
    assert english.exit_code == 2 and "unknown quality flag “shady”" in english.stderr
    french = cli_env("creators", "list", "--flag", "shady", "--locale", "fr")
    assert french.exit_code == 2 and "alerte qualité «\u00a0shady\u00a0» inconnue" in french.stderr
