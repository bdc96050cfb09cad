"""The catalogs both faces speak through: every file in step, every message the CLI uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from influent.analytics.follower_audit import audit_followers
from influent.domain.quality import WEIGHTS
from influent.services.i18n import LOCALE_DIR, LOCALES, Translator, catalog

CLI = Path(__file__).parents[2] / "src" / "influent" / "cli"
NNBSP, NBSP = "\u202f", "\u00a0"


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def cli_msgids() -> set[str]:
    """t("cli.…") in the command line's modules, and the signal names it looks up by group."""
    found: set[str] = set()
    for path in CLI.glob("*.py"):
        found |= set(re.findall(r"""\bt\(\s*["'](cli\.[a-z_.]+)["']""", path.read_text("utf-8")))
    return found | {f"cli.signal.{name}" for name in WEIGHTS}


def test_it_has_every_cli_message_in_both_catalogs() -> None:
    used = cli_msgids()
    assert {"cli.audit.quality", "cli.history.col.week", "cli.audience.share"} <= used
    for locale in LOCALES:
        missing = sorted(used - set(catalog(locale)))
        assert not missing, f"{locale} lacks {missing}"
    unused = sorted(k for k in catalog("en") if k.startswith("cli.") and k not in used)
    assert not unused, f"cli.en.json has messages nothing uses: {unused}"


def test_it_keeps_every_catalog_file_in_step_with_its_english_twin() -> None:
    english_files = [*sorted(LOCALE_DIR.glob("*.en.json")), LOCALE_DIR / "en.json"]
    assert LOCALE_DIR / "cli.en.json" in english_files
    for english_path in english_files:
        english = json.loads(english_path.read_text(encoding="utf-8"))
        for locale in LOCALES:
            path = english_path.with_name(
                english_path.name.removesuffix("en.json") + f"{locale}.json"
            )
            other = json.loads(path.read_text(encoding="utf-8"))
            assert set(other) == set(english), path.name
            for msgid, text in english.items():
                assert fields(other[msgid]) == fields(text), (path.name, msgid)


def test_it_writes_numbers_with_the_decimals_asked_for() -> None:
    en, fr = Translator("en"), Translator("fr")
    assert en.num(25.04, 1) == "25.0" and fr.num(25.04, 1) == "25,0"
    assert en.num(44.4, 0) == "44" and fr.num(12_500.5, 2) == f"12{NNBSP}500,50"
    assert en.pct(0.0532, 2) == "5.32%" and en.pct(0.05, 2) == "5.00%"
    assert fr.pct(0.125, 0) == f"12{NBSP}%" and fr.pct(0.125) == f"12,5{NBSP}%"
    assert en.num(None, 2) == "" and en.pct(None, 0) == ""


def test_it_carries_the_analysis_figures_into_french_the_french_way() -> None:
    fr = Translator("fr")
    assert fr.text("no benchmark for 12,000,000 followers") == (
        f"pas de référence pour 12{NNBSP}000{NNBSP}000 abonnés"
    )
    assert fr.text("1,200 followers") == f"1{NNBSP}200 abonnés"
    assert fr.text("digits make up 67% of the username") == (
        f"les chiffres font 67{NBSP}% du nom d'utilisateur"
    )
    assert fr.text("follows 7,500 accounts for 3 followers") == (
        f"suit 7{NNBSP}500 comptes pour 3 abonnés"
    )
    # A figure placeholder matches figures only: anything else stays English.
    assert fr.text("many followers") == "many followers"
    assert Translator("en").text("1,200 followers") == "1,200 followers"


def test_it_recognises_a_row_problem_from_its_english_sentence() -> None:
    fr = Translator("fr")
    assert fr.text("“beaucoup” is not a number") == "« beaucoup » n'est pas un nombre"
    assert fr.text("is empty") == catalog("fr")["problem.empty"]


def test_it_translates_the_follower_audit_s_reasons_and_method() -> None:
    rows = [
        {"username": "jean.dupont", "followers": 1200, "following": 300, "posts": 85},
        {"username": "user84756392", "followers": 3, "following": 7500, "posts": 0},
        {"username": "x", "full_name": "", "has_profile_picture": "no", "is_private": "yes"},
        {"username": "anna_m", "full_name": "Anna M", "biography": "", "external_url": ""},
        {"username": "bob1234", "full_name": "bob1234", "biography": "Cook", "posts": 3},
    ]
    result = audit_followers(rows)
    sentences = {result.method, *(r for a in result.accounts for r in a.reasons)}
    assert len(sentences) > 3
    french = Translator("fr")
    untranslated = sorted(s for s in sentences if french.text(s) == s)
    assert not untranslated, f"no French for: {untranslated}"
    assert not [s for s in sentences if "{" in french.text(s)]
