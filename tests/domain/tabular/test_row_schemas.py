"""Every kind of row is declared once; its English and French headers are all recognised."""

from __future__ import annotations

import pytest

from influent.domain.tabular import Column, RowSchema, check_row
from influent.domain.tabular.content import COMMENTS, POSTS, SNAPSHOTS
from influent.domain.tabular.creators import CREATORS
from influent.domain.tabular.followers import FOLLOWER_SAMPLES

SCHEMAS: list[RowSchema[str]] = [CREATORS, SNAPSHOTS, POSTS, COMMENTS, FOLLOWER_SAMPLES]  # type: ignore[list-item]
SPELLINGS = [
    pytest.param(schema, column.name, spelling, id=f"{schema.kind}-{language}-{spelling}")
    for schema in SCHEMAS
    for column in schema.columns
    for language, spellings in (("en", column.english), ("fr", column.french))
    for spelling in spellings
]


@pytest.mark.parametrize(("schema", "name", "spelling"), SPELLINGS)
def test_it_recognises_every_english_and_french_spelling_of_every_schema(
    schema: RowSchema[str], name: str, spelling: str
) -> None:
    for header in (spelling, spelling.upper(), spelling.title(), f"  {spelling} "):
        assert schema.recognise(header) == name


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.kind)
def test_every_schema_names_its_columns_in_english_and_french(schema: RowSchema[str]) -> None:
    assert all(c.english for c in schema.columns)
    assert any(c.french for c in schema.columns)
    # The field's own name is a header too.
    assert all(schema.recognise(str(c.name)) == c.name for c in schema.columns)


@pytest.mark.parametrize(
    ("schema", "headers", "expected"),
    [
        (CREATORS, ["Nom", "Pseudo", "Abonnés (Instagram)"], ["name", "handle", "followers"]),
        (
            SNAPSHOTS,
            ["Plateforme", "Compte", "Jour", "Abonnés", "Vues"],
            ["platform", "handle", "date", "followers", "views"],
        ),
        (
            POSTS,
            ["Réseau", "Pseudo", "Lien", "Publié le", "Légende", "J'aime", "Partages"],
            ["platform", "handle", "post", "date", "caption", "likes", "shares"],
        ),
        (
            COMMENTS,
            ["Plateforme", "Pseudo", "Post", "Commentaire", "Auteur", "Date du commentaire"],
            ["platform", "handle", "post", "text", "author", "date"],
        ),
        (
            FOLLOWER_SAMPLES,
            [
                "Nom d’utilisateur",
                "Abonnés",
                "Abonnements",
                "Publications",
                "Photo de profil",
                "Compte privé",
            ],
            ["username", "followers", "following", "posts", "has_profile_picture", "is_private"],
        ),
    ],
    ids=lambda v: v.kind if isinstance(v, RowSchema) else "",
)
def test_it_maps_a_french_header_row_of_each_kind(
    schema: RowSchema[str], headers: list[str], expected: list[str]
) -> None:
    mapping = schema.map_columns(headers)
    assert [mapping.fields.get(i) for i in range(len(headers))] == expected
    assert schema.missing(mapping) is None


def test_only_creators_headers_may_carry_a_qualifier() -> None:
    assert CREATORS.recognise("Abonnés Instagram") == "followers"
    assert SNAPSHOTS.recognise("Abonnés Instagram") is None


def test_it_refuses_a_spelling_claimed_by_two_fields() -> None:
    with pytest.raises(ValueError, match="“Pays”"):
        RowSchema(
            "places", (Column("country", ("country",), ("Pays",)), Column("land", (), ("Pays",)))
        )


def test_it_refuses_a_merge_key_or_requirement_it_has_no_column_for() -> None:
    with pytest.raises(ValueError, match="no column sku"):
        RowSchema("orders", (Column("order", ("order",)),), merge_key=("sku",))


def test_a_needed_cell_left_empty_is_a_problem_named_by_the_schema() -> None:
    headers = ["platform", "handle", "date", "followers"]
    mapping = SNAPSHOTS.map_columns(headers)
    checked = check_row(SNAPSHOTS, mapping, headers, 7, ["tiktok", "@lea", "n/a", "lots"])
    assert [(p.row, p.column, p.code) for p in checked.problems] == [
        (7, "date", "missing"),
        (7, "followers", "not_a_count"),
    ]
    good = check_row(SNAPSHOTS, mapping, headers, 8, ["tiktok", "@lea", "31/05/2024", "1,2k"])
    assert not good.problems
    assert good.values["followers"] == 1200
    assert good.cells["handle"] == "@lea"
