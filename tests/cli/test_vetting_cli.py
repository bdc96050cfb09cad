from __future__ import annotations

import json
import re
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
    cli.callback()(common.open_app)
    cli.command("audit")(audit)
    cli.command("history")(history)
    cli.add_typer(audience_cli, name="audience")
    return cli


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[typer.Typer]:
    monkeypatch.setenv("INFLUENT_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield make_app()
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
    assert set(data["accounts"][0]) == {
        "row",
        "username",
        "fake_probability",
        "is_fake",
        "reasons",
    }
    assert [a["username"] for a in data["accounts"]] == ["jean.dupont", "user84756392"]
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
    # The audit names the rates its interval used: measured with the counts alone, as this file.
    out = " ".join(result.stdout.split())
    assert "Error rates measured when only these columns are known: counts (posts, " in out
    assert "% of fakes caught" in out and "labelled accounts" in out


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


# --- the same commands in French -------------------------------------------------------------

# English words of the human output that must not survive `--locale fr`.
ENGLISH_AUDIT = (
    "Audience quality",
    "Value",
    "Benchmark",
    "Weight",
    "Why",
    "Missing data",
    "(weight",
    "Engagement rate:",
    "followers",
    "Also ",
    "tier ",
    "percentile",
    "Median per post",
    "Engagement trend",
    "Comments per like",
    "Cadence",
    "Growth ",
    "Sponsored posts",
    "French law",
    "Follower events",
    "median of (likes",
    "log-normal",
)
ENGLISH_HISTORY = ("Week of", "Followers", "Follower events", "followers", "after the post of")
NNBSP, NBSP = "\u202f", "\u00a0"


def flat(text: str) -> str:
    """Lines joined with single spaces; the no-break spaces of French numbers kept."""
    return re.sub(r"[ \n]+", " ", text)


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A console wide enough that table headers and lines are not cut."""
    monkeypatch.setenv("COLUMNS", "250")


def test_it_audits_in_french(
    cli: typer.Typer, influent: Influent, workspace_id: int, wide: None
) -> None:
    seed_vetted_creator(influent, workspace_id)
    result = runner.invoke(cli, ["audit", "@marie.cuisine", "--locale", "fr"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for label in (
        "Qualité de l’audience\u00a0: ",
        "Signal",
        "Valeur",
        "Référence",
        "Poids",
        "Points",
        "Pourquoi",
        "engagement face à la tranche",
        "Données manquantes",
        "faux abonnés (poids 20)\u00a0: pas d’audit des abonnés",
        f"45{NNBSP}040 abonnés (relevé du ",
        "Taux d’engagement\u00a0: ",
        f"tranche de 20{NNBSP}000–100{NNBSP}000 abonnés\u00a0: médiane 2,63{NBSP}%, centile ",
        f"Médiane par publication{NNBSP}: ",
        "Tendance de l’engagement\u00a0: ",
        "Commentaires par j’aime\u00a0: ",
        "Rythme\u00a0: ",
        f"Croissance sur 30 jours{NNBSP}: +3",
        "Publications sponsorisées\u00a0: ",
        "Événements d’abonnés",
        "après la publication du",
    ):
        assert label in out, label
    # The analysis' own English sentences, in French, with French numbers.
    assert "médiane de (j’aime + commentaires) / abonnés sur les 12 dernières publications" in out
    assert "avec un écart-type de 0,9 en logarithme népérien" in out
    assert "loi n° 2023-451 du 9 juin 2023, art. 5\u00a0: «\u00a0publicité\u00a0»" in out
    assert [word for word in ENGLISH_AUDIT if word in out] == []


def test_it_shows_the_history_in_french(
    cli: typer.Typer, influent: Influent, workspace_id: int, wide: None
) -> None:
    seed_vetted_creator(influent, workspace_id)
    result = runner.invoke(cli, ["history", "@marie.cuisine", "--locale", "fr"])
    assert result.exit_code == 0, result.output
    for label in ("Semaine du", "Abonnés", "Gain", f"+3{NNBSP}1", "Événements d’abonnés"):
        assert label in result.stdout, label
    assert "abonnés (+7,2" in result.stdout and "après la publication du" in result.stdout
    assert [word for word in ENGLISH_HISTORY if word in result.stdout] == []


def test_it_says_what_is_missing_in_french(
    cli: typer.Typer, influent: Influent, workspace_id: int, wide: None
) -> None:
    seed_vetted_creator(influent, workspace_id, posts=False)
    result = runner.invoke(cli, ["audit", "@marie.cuisine", "--locale", "fr"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "(aucune publication à mesurer, 0 publication)" in out
    assert "Rythme\u00a0: 0 publication par semaine sur 90 jours" in out
    assert "il faut au moins 3 publications pour mesurer la régularité" in out
    assert [word for word in ("no posts", "at least 3 posts", "Cadence") if word in out] == []


def test_it_refuses_an_unknown_creator_in_french(cli: typer.Typer, workspace_id: int) -> None:
    result = runner.invoke(cli, ["audit", "@nobody", "--locale", "fr"])
    assert result.exit_code == 1
    assert "Erreur\u00a0: aucun créateur n’a le compte «\u00a0@nobody\u00a0»" in result.stderr


def test_it_speaks_the_default_locale_unless_told_otherwise(
    cli: typer.Typer,
    influent: Influent,
    workspace_id: int,
    monkeypatch: pytest.MonkeyPatch,
    wide: None,
) -> None:
    seed_vetted_creator(influent, workspace_id)
    monkeypatch.setenv("INFLUENT_DEFAULT_LOCALE", "fr")
    get_settings.cache_clear()
    french = runner.invoke(cli, ["history", "@marie.cuisine"])
    assert french.exit_code == 0, french.output
    assert "Semaine du" in french.stdout and "Week of" not in french.stdout
    english = runner.invoke(cli, ["history", "@marie.cuisine", "--locale", "en"])
    assert "Week of" in english.stdout and "Semaine du" not in english.stdout
    audit_fr = runner.invoke(cli, ["audit", "@marie.cuisine"])
    assert "Qualité de l’audience" in audit_fr.stdout


def test_it_keeps_the_json_keys_in_every_language(
    cli: typer.Typer, influent: Influent, workspace_id: int
) -> None:
    seed_vetted_creator(influent, workspace_id)

    def keys(value: object) -> object:
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items()}
        if isinstance(value, list):
            return [keys(v) for v in value]
        return None

    for command in ("audit", "history"):
        en, fr = (
            json.loads(
                runner.invoke(cli, [command, "@marie.cuisine", "--json", "--locale", loc]).stdout
            )
            for loc in ("en", "fr")
        )
        assert keys(en) == keys(fr), command
    fr_audit = json.loads(
        runner.invoke(cli, ["audit", "@marie.cuisine", "--json", "--locale", "fr"]).stdout
    )
    assert fr_audit["main"]["engagement"]["method"].startswith("median of (likes")


def test_it_audits_a_follower_sample_in_french(
    offline: typer.Typer, tmp_path: Path, wide: None
) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text(
        "followers,following,posts,has_profile_picture\n"
        "1200,300,85,yes\n"
        "3,7500,0,no\n"
        "beaucoup,210,12,yes\n"
        "lots,many,some,maybe\n",
        encoding="utf-8",
    )
    english = runner.invoke(offline, ["audience", "audit", str(sample), "--json"])
    reasons = [r for a in json.loads(english.stdout)["accounts"] for r in a["reasons"]]
    result = runner.invoke(offline, ["audience", "audit", str(sample), "--locale", "fr"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for label in (
        "Faux abonnés estimés\u00a0: ",
        f"(intervalle à 95{NNBSP}%{NNBSP}: ",
        "3 comptes lus)",
        "Lignes ignorées (rien de lisible)\u00a0: 4",
        "Ligne",
        "P(faux)",
        "Faux\u202f?",
        "Raisons",
        "bootstrap paramétrique",
        # A no-break space before the colon, as French typography wants.
        "quand seules ces colonnes sont connues\u00a0: nombres (publications, abonnés, abonnements)",
        "des faux repérés",
    ):
        assert label in out, label
    english_words = ("Estimated", "95% interval", "accounts read", "Rows left out", "Reasons")
    assert [word for word in english_words if word in out] == []
    assert reasons and [r for r in reasons if r in out] == []
    errors = flat(result.stderr)
    assert "Ligne 3, followers\u00a0: «\u00a0beaucoup\u00a0» n’est pas un nombre" in errors
    assert "lu comme inconnu." in errors


def test_it_attaches_a_follower_audit_to_a_creator(
    cli: typer.Typer, influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    creator_id = seed_vetted_creator(influent, workspace_id)
    sample = tmp_path / "sample.csv"
    sample.write_text(
        "username,followers,following,posts\njean.dupont,120,300,85\nuser84756392,3,7500,0\n",
        encoding="utf-8",
    )
    args = ["audience", "audit", str(sample), "--creator", "@marie.cuisine"]
    result = runner.invoke(cli, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Attached to Marie on" in result.stdout
    assert "jean.dupont" in result.stdout and "Username" in result.stdout
    data = json.loads(runner.invoke(cli, ["audit", "@marie.cuisine", "--json"]).stdout)
    assert "fake_followers" not in {m["name"] for m in data["main"]["quality"]["missing"]}
    assert data["creator_id"] == creator_id
    french = runner.invoke(cli, [*args, "--locale", "fr", "--json"])
    assert json.loads(french.stdout)["attached_to"]["creator_id"] == creator_id
    unknown = runner.invoke(cli, ["audience", "audit", str(sample), "--creator", "@nobody"])
    assert unknown.exit_code == 2 and "@nobody" in unknown.stderr


def test_it_refuses_a_creators_list_offered_as_a_follower_sample(
    offline: typer.Typer, tmp_path: Path
) -> None:
    creators = tmp_path / "creators.csv"
    creators.write_text(
        "Name,Handle,Platform,Followers\nMarie,@marie,instagram,12000\nPaul,@paul,tiktok,54000\n",
        encoding="utf-8",
    )
    result = runner.invoke(offline, ["audience", "audit", str(creators)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "looks like a list of creators" in " ".join(result.stderr.split())
    french = runner.invoke(offline, ["audience", "audit", str(creators), "--locale", "fr"])
    assert "ressemble à une liste de créateurs" in " ".join(french.stderr.split())
