from __future__ import annotations

import pytest

from influent.domain.brand_safety import find_hits, lexicon


def _kinds(text: str, **brief: tuple[str, ...]) -> set[tuple[str, str, str | None]]:
    return {(h.kind, h.term, h.topic) for _, h in find_hits(lexicon(**brief), [text])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon avis sur le sérum TYPOLOGY", ("competitor", "Typology", None)),
        ("Review of the typology serum", ("competitor", "Typology", None)),
        ("Ouverture de la chasse ce week-end", ("excluded_topic", "chasse", None)),
        ("My fast-fashion haul", ("excluded_topic", "fast fashion", None)),
        ("Putain, quelle journée", ("profanity", "putain", None)),
        ("What the fuck is this", ("profanity", "fuck", None)),
        ("Soirée poker au casino", ("sensitive", "casino", "gambling")),
        ("Sports betting tips for Sunday", ("sensitive", "sports betting", "gambling")),
        ("Le cannabis en vente libre ?", ("sensitive", "cannabis", "drugs")),
        ("Mon avis sur l'élection présidentielle", ("sensitive", "presidentielle", "politics")),
        ("Un discours raciste en direct", ("sensitive", "raciste", "hate")),
        ("A violent shooting downtown", ("sensitive", "shooting", "violence")),
    ],
)
def test_it_flags_exclusions_and_sensitive_topics_in_french_and_english(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    found = _kinds(text, competitors=("Typology",), exclude_topics=("chasse", "fast fashion"))
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        "Une publication sur la chassepierre",  # a word containing "chasse" is not "chasse"
        "Ma routine skincare du matin",
        "Typologies of skin types",  # not the competitor's name as a word
        "Le public était là",  # "pub" inside "public"
    ],
)
def test_it_does_not_flag_words_inside_other_words(text: str) -> None:
    found = _kinds(text, competitors=("Typology",), exclude_topics=("chasse", "pub"))
    assert not {k for k in found if k[0] in ("competitor", "excluded_topic")}
