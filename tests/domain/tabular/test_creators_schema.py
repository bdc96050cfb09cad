"""The creators schema: headers in English and French, --map overrides, the header row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.tabular.creators import CREATORS, Field, parse_overrides
from influent_testing import raises_saying


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("name", Field.NAME),
        ("Nom", Field.NAME),
        ("handle", Field.HANDLE),
        ("Pseudo", Field.HANDLE),
        ("platform", Field.PLATFORM),
        ("Plateforme", Field.PLATFORM),
        ("Réseau", Field.PLATFORM),
        ("RESEAU", Field.PLATFORM),
        ("réseau social", Field.PLATFORM),
        ("Plate-forme", Field.PLATFORM),
        ("followers", Field.FOLLOWERS),
        ("Abonnés", Field.FOLLOWERS),
        ("ABONNÉS", Field.FOLLOWERS),
        ("abonnes", Field.FOLLOWERS),
        ("Subscribers", Field.FOLLOWERS),
        ("Nb abonnés", Field.FOLLOWERS),
        ("Abonnés (Instagram)", Field.FOLLOWERS),
        ("engagement", Field.ENGAGEMENT),
        ("Taux d'engagement", Field.ENGAGEMENT),
        ("Taux d’engagement (%)", Field.ENGAGEMENT),
        ("TAUX D'ENGAGEMENT", Field.ENGAGEMENT),
        ("Engagement rate", Field.ENGAGEMENT),
        ("email", Field.EMAIL),
        ("E-mail", Field.EMAIL),
        ("Courriel", Field.EMAIL),
        ("Email pro", Field.EMAIL),
        ("agent", Field.AGENT),
        ("Agence", Field.AGENT),
        ("country", Field.COUNTRY),
        ("Pays", Field.COUNTRY),
        ("language", Field.LANGUAGE),
        ("Langue", Field.LANGUAGE),
        ("category", Field.CATEGORY),
        ("Catégorie", Field.CATEGORY),
        ("CATEGORIE", Field.CATEGORY),
        ("Niche", Field.CATEGORY),
        ("URL", Field.URL),
        ("Lien", Field.URL),
        ("Lien du profil", Field.URL),
        ("notes", Field.NOTES),
        ("Notes", Field.NOTES),
        ("Commentaires", Field.NOTES),
        ("Tags", Field.TAGS),
        ("  Nom  ", Field.NAME),
        ("Nom de la chaîne", Field.HANDLE),
        ("influent_id", Field.INFLUENT_ID),
    ],
)
def test_it_recognises_english_and_french_headers(header: str, expected: Field) -> None:
    assert CREATORS.recognise(header) is expected


@pytest.mark.parametrize("header", ["", "   ", "Budget", "Dernière campagne", "Colonne X", "??"])
def test_it_does_not_guess_unknown_headers(header: str) -> None:
    assert CREATORS.recognise(header) is None


@given(
    st.sampled_from([(c.name, s) for c in CREATORS.columns for s in c.spellings]),
    st.sampled_from([str.upper, str.title, str.lower, lambda s: f"  {s} "]),
)
def test_it_recognises_every_synonym_in_any_case(pair: tuple[Field, str], case: object) -> None:
    fld, spelling = pair
    assert CREATORS.recognise(case(spelling)) is fld  # type: ignore[operator]


def test_it_maps_columns_and_keeps_unknown_ones_as_custom_fields() -> None:
    mapping = CREATORS.map_columns(["Nom", "Pseudo", "Abonnés", "Budget", "", "Dernière campagne"])
    assert mapping.fields == {0: Field.NAME, 1: Field.HANDLE, 2: Field.FOLLOWERS}
    assert mapping.custom == {3: "Budget", 5: "Dernière campagne"}
    assert mapping.ignored == {4: ""}
    assert mapping.column_of(Field.FOLLOWERS) == 2
    assert mapping.column_of(Field.EMAIL) is None


def test_it_lets_the_first_column_claim_a_field_and_keeps_the_next_as_custom() -> None:
    mapping = CREATORS.map_columns(["Name", "Nom", "Handle"])
    assert mapping.fields == {0: Field.NAME, 2: Field.HANDLE}
    assert mapping.custom == {1: "Nom"}


def test_it_applies_map_overrides_before_guessing() -> None:
    overrides = parse_overrides(["Colonne X=followers", "Abonnés=ignore", "insta=handle"])
    mapping = CREATORS.map_columns(["Pseudo", "Abonnés", "colonne x", "Insta"], overrides)
    assert mapping.fields == {2: Field.FOLLOWERS, 3: Field.HANDLE}
    assert mapping.ignored == {1: "Abonnés"}
    # 'Pseudo' would be the handle, but the override took that field.
    assert mapping.custom == {0: "Pseudo"}


def test_it_reads_map_overrides_by_normalised_header() -> None:
    assert parse_overrides(["Colonne  X = Followers"]) == {"colonne x": Field.FOLLOWERS}
    assert parse_overrides(["a=b=email"]) == {"a b": Field.EMAIL}
    assert parse_overrides(["Budget=skip"]) == {"budget": None}


@pytest.mark.parametrize(
    ("spec", "message"),
    [("followers", "needs “Column name=field”"), ("=email", "needs"), ("X=fans", "unknown field")],
)
def test_it_refuses_map_overrides_it_cannot_read(spec: str, message: str) -> None:
    with raises_saying(ValueError, message):
        parse_overrides([spec])


def test_it_finds_the_header_row_below_titles_and_merged_rows() -> None:
    rows: list[list[str]] = [
        ["Liste influenceurs printemps 2024", "", ""],
        ["", "Instagram", ""],
        ["Identité", "", "Audience"],
        ["Nom", "Pseudo", "Abonnés"],
        ["Marie", "@marie", "150k"],
    ]
    assert CREATORS.find_header_row(rows) == 3


def test_it_takes_the_first_row_as_header_when_nothing_is_recognised() -> None:
    assert CREATORS.find_header_row([["a", "b"], ["c", "d"]]) == 0
