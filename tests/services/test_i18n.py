"""The catalogs both faces speak through: every file in step, every message the CLI uses."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from influent.analytics.follower_audit import _reason, audit_followers
from influent.analytics.follower_features import feature_matrix
from influent.domain.benchmarks import NoBenchmark, benchmark_for
from influent.domain.messages import Day, Figure, Percent, message
from influent.domain.platforms import Platform
from influent.domain.quality import WEIGHTS
from influent.services.i18n import LOCALE_DIR, LOCALES, Translator, catalog, plural_form

CLI = Path(__file__).parents[2] / "src" / "influent" / "cli"
NNBSP, NBSP = "\u202f", "\u00a0"


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def _singular(msgid: str) -> str:
    """The message a plural form belongs to: "cli.x.one" -> "cli.x"."""
    base, _, form = msgid.rpartition(".")
    return base if form in {"zero", "one", "two", "few", "many", "other"} else msgid


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
        known = set(catalog(locale))
        # A message said with a count may have only its plural forms (msgid.one, msgid.other).
        missing = sorted(m for m in used if m not in known and f"{m}.other" not in known)
        assert not missing, f"{locale} lacks {missing}"
    unused = sorted(
        k
        for k in catalog("en")
        if k.startswith("cli.") and k not in used and _singular(k) not in used
    )
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


def test_it_writes_the_analysis_figures_the_french_way() -> None:
    fr = Translator("fr")
    found = benchmark_for(Platform.INSTAGRAM, None)
    assert isinstance(found, NoBenchmark)
    no_tier = message("benchmark.no_tier", followers=12_000_000, count=12_000_000)
    assert fr.say(no_tier) == f"pas de référence pour 12{NNBSP}000{NNBSP}000 abonnés"
    assert Translator("en").say(no_tier) == "no benchmark for 12,000,000 followers"
    facts = {"followers": 1200.0, "following": 7500.0, "posts": 0.0}
    assert fr.say(_reason("log_followers", facts)) == f"1{NNBSP}200 abonnés"
    assert Translator("en").say(_reason("log_followers", facts)) == "1,200 followers"
    digits = _reason("username_digit_ratio", {"username_digit_ratio": 0.67})
    assert fr.say(digits) == f"les chiffres font 67{NBSP}% du nom d’utilisateur"
    ratio = _reason("log_following_per_follower", {"followers": 3.0, "following": 7500.0})
    assert fr.say(ratio) == f"suit 7{NNBSP}500 comptes pour 3 abonnés"
    # An unknown code stays as it is rather than disappear.
    assert fr.t("no.such.message") == "no.such.message"


def test_it_says_a_row_problem_from_its_code() -> None:
    fr = Translator("fr")
    _, _, problems = feature_matrix([{"followers": "beaucoup"}])
    (problem,) = problems
    assert problem.code and fr.problem(problem).startswith(
        "«\u00a0beaucoup\u00a0» n’est pas un nombre"
    )
    assert fr.say(message("problem.not_a_number", text="beaucoup")) == (
        "«\u00a0beaucoup\u00a0» n’est pas un nombre"
    )
    assert fr.say(message("problem.empty")) == catalog("fr")["problem.empty"]


def test_it_translates_the_follower_audit_s_reasons_and_method() -> None:
    rows = [
        {"username": "jean.dupont", "followers": 1200, "following": 300, "posts": 85},
        {"username": "user84756392", "followers": 3, "following": 7500, "posts": 0},
        {"username": "x", "full_name": "", "has_profile_picture": "no", "is_private": "yes"},
        {"username": "anna_m", "full_name": "Anna M", "biography": "", "external_url": ""},
        {"username": "bob1234", "full_name": "bob1234", "biography": "Cook", "posts": 3},
    ]
    result = audit_followers(rows)
    messages = {result.method, *(r for a in result.accounts for r in a.reasons)}
    assert len(messages) > 3
    english, french = Translator("en"), Translator("fr")
    untranslated = sorted(m.code for m in messages if french.say(m) == english.say(m))
    assert not untranslated, f"no French for: {untranslated}"
    assert not [m for m in messages if "{" in french.say(m)]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["0 posts", "1 post", "2 posts", "1,000 posts"]),
        ("fr", ["0 publication", "1 publication", "2 publications", f"1{NNBSP}000 publications"]),
    ],
)
def test_it_chooses_the_plural_form_by_babel_s_rules(locale: str, expected: list[str]) -> None:
    tr = Translator(locale)
    assert [tr.t("follower.posts", count=n) for n in (0, 1, 2, 1_000)] == expected
    assert [plural_form(locale, n) for n in (1, 2)] == ["one", "other"]
    # French counts zero as one; English does not.
    assert plural_form(locale, 0) == ("one" if locale == "fr" else "other")


def test_it_writes_message_parameters_the_locale_s_way() -> None:
    en, fr = Translator("en"), Translator("fr")
    assert fr.value(Percent(0.0232, 2)) == f"2,32{NBSP}%"
    assert en.value(Percent(-0.014, 1, signed=True)) == "\u22121.4%"
    assert fr.value(Figure(2140, 0, signed=True)) == f"+2{NNBSP}140"
    day = Day(date(2024, 3, 13))
    assert en.value(day) == "13 March" and fr.value(day) == "13 mars"
    assert fr.value(date(2024, 3, 13)) == "2024-03-13"
    assert fr.value(True) == "oui" and en.value(12_500) == "12,500"
