from __future__ import annotations

import pytest

from influent.services.brandfit import (
    BriefError,
    brief_from_toml,
    brief_to_toml,
    find_brief,
    list_briefs,
    parse_budget,
    save_brief,
)
from influent.services.core import Influent
from influent_testing import FIXTURES

BRIEF = (FIXTURES / "brandfit" / "maison-verte.toml").read_text(encoding="utf-8")


def test_it_reads_the_example_brief_of_the_documentation() -> None:
    brief = brief_from_toml(BRIEF)
    assert brief.name == "Maison Verte — sérum vegan"
    assert brief.keywords == (
        "cosmétiques vegan",
        "skincare naturel",
        "clean beauty",
        "peau sensible",
    )
    assert brief.competitors == ("Typology", "Horace")
    assert brief.exclude_topics == ("chasse", "fast fashion")
    assert brief.platforms == ("instagram", "youtube", "podcast", "blog")
    assert brief.tiers == ("micro", "mid")
    assert (brief.budget_minor, brief.currency) == (150_000, "EUR")


def test_it_writes_a_brief_that_reads_back_the_same() -> None:
    brief = brief_from_toml(BRIEF)
    assert brief_from_toml(brief_to_toml(brief)) == brief


def test_it_escapes_quotes_and_backslashes_in_toml() -> None:
    brief = brief_from_toml('name = "Say \\"hi\\" \\\\ bye"\nkeywords = ["a\\"b"]')
    assert brief_from_toml(brief_to_toml(brief)) == brief


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500 EUR", (150_000, "EUR")),
        ("1 500 €", (150_000, "EUR")),
        ("EUR 99,50", (9_950, "EUR")),
        ("250.75 usd", (25_075, "USD")),
        ("", (None, "EUR")),
    ],
)
def test_it_reads_budgets_written_the_usual_ways(
    text: str, expected: tuple[int | None, str]
) -> None:
    assert parse_budget(text) == expected


@pytest.mark.parametrize(
    ("toml", "code"),
    [
        ('name = "X"\nbudget = "beaucoup"', "brandfit.error.budget"),
        ('name = "X"\nbudget = "-5 EUR"', "brandfit.error.budget"),
        ('name = "X"\ncolour = "green"', "brandfit.error.unknown_keys"),
        ('name = "X"\nplatforms = ["myspace"]', "brandfit.error.platform"),
        ('name = "X"\ntiers = ["giant"]', "brandfit.error.tier"),
        ('name = "X"\nkeywords = [1, 2]', "brandfit.error.list"),
        ('product = "no name"', "brandfit.error.name_required"),
        ("name = ", "brandfit.error.toml"),
    ],
)
def test_it_refuses_a_brief_it_cannot_read(toml: str, code: str) -> None:
    with pytest.raises(BriefError) as error:
        brief_from_toml(toml)
    assert error.value.code == code


def test_it_replaces_a_brief_of_the_same_name(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        first = save_brief(session, workspace_id=workspace_id, data=brief_from_toml(BRIEF))
        changed = brief_from_toml(BRIEF.replace('"yoga", ', ""))
        second = save_brief(session, workspace_id=workspace_id, data=changed)
        assert first.id == second.id
        assert [b.adjacent for b in list_briefs(session, workspace_id=workspace_id)] == [
            ("zéro déchet", "cuisine végétale")
        ]
        assert (
            find_brief(session, workspace_id=workspace_id, ref="MAISON VERTE — SÉRUM VEGAN").id
            == first.id
        )


def test_it_keeps_briefs_to_their_workspace(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session:
        save_brief(session, workspace_id=workspace_id, data=brief_from_toml(BRIEF))
        with pytest.raises(BriefError):
            find_brief(session, workspace_id=workspace_id + 1, ref="maison-verte-serum-vegan")
