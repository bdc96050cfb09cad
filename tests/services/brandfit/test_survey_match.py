from __future__ import annotations

import pytest

from influent.services.brandfit._survey_match import Known, MatchIndex, split_mentions

INDEX = MatchIndex(
    [
        Known(1, ("Léna Situations", "lenasituations", "Léna Mahfouf")),
        Known(2, ("Génération Do It Yourself", "gdiy", "Matthieu Stefani")),
        Known(3, ("Marie Durand", "marie.cuisine")),
        Known(4, ("Squeezie", "squeezie", "Lucas Hauchard")),
        Known(5, ("HugoDécrypte", "hugodecrypte", "Hugo Travers")),
    ]
)


@pytest.mark.parametrize(
    ("mention", "creator"),
    [
        ("Léna Situations", 1),
        ("lena situations", 1),  # accents and case
        ("LENA SITUATION", 1),  # a letter missing
        ("@lenasituations", 1),  # the handle
        ("Lena Mahfouf", 1),  # her real name
        ("le podcast Génération Do It Yourself", 2),  # words around the name
        ("GDIY", 2),  # the nickname everybody uses
        ("Generation Do It Yourself sur Spotify", 2),
        ("Marie Durant", 3),  # misspelt
        ("@marie_cuisine", 3),  # a handle with _ for .
        ("mariecuisine", 3),  # and without
        ("Squeezy", 4),
        ("hugo décrypte", 5),  # a space the channel's name does not have
        ("la chaîne YouTube de HugoDecrypte", 5),
    ],
)
def test_it_matches_names_as_customers_write_them(mention: str, creator: int) -> None:
    found = INDEX.match(mention)
    assert found is not None and found.creator_id == creator


@pytest.mark.parametrize(
    "mention", ["Marie Dupont", "Norman", "Lucas", "Hugo", "Le Monde", "Cyprien"]
)
def test_it_does_not_match_other_names(mention: str) -> None:
    assert INDEX.match(mention) is None


def test_it_splits_an_answer_into_names() -> None:
    answer = "Léna Situations, @lenasituations et le podcast GDIY\nSqueezie / Norman; Norman"
    assert split_mentions(answer) == [
        "Léna Situations",
        "@lenasituations",
        "le podcast GDIY",
        "Squeezie",
        "Norman",
    ]
