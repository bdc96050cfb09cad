"""Promo-code spelling and generation, code states and the deal status machine."""

from __future__ import annotations

import random
from datetime import date
from itertools import pairwise

import pytest

from influent.domain.deals import (
    STATUSES,
    TRANSITIONS,
    CodeBook,
    DealRuleError,
    check_code,
    check_transition,
    code_base,
    code_state,
)


def test_a_code_is_made_from_the_first_name_with_accents_folded() -> None:
    assert code_base("Léna Dupont", 15) == "LENA15"
    assert code_base("Chloé-Anaïs Martin", 10) == "CHLOE10"
    assert code_base("Zoë", 20) == "ZOE20"
    assert code_base("Ève", 5) == "EVE5"
    assert code_base("Jo Malone", 15) == "JOMALONE15"
    assert code_base("", 15) == "CODE15"


def test_a_collision_gets_a_readable_suffix() -> None:
    book = CodeBook.of(["lena15"])
    assert book.issue("LENA15") == "LENA15-2"
    assert book.issue("LENA15") == "LENA15-3"
    assert book.issue("ZOE15") == "ZOE15"


def test_ten_thousand_codes_from_a_few_names_are_all_unique() -> None:
    names = ["Léna", "Lena", "LÉNA", "Zoé", "Zoe", "Chloé", "Inès", "Ines", "Noé", "Anaïs"]
    rng = random.Random(7)
    book = CodeBook.of(["LENA15-3", "ZOE10"])
    codes = [book.issue(code_base(rng.choice(names), rng.choice([10, 15]))) for _ in range(10_000)]
    assert len(set(codes)) == 10_000
    assert "LENA15-3" not in codes and "ZOE10" not in codes
    assert all(check_code(c) == c for c in codes)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("LENA 15", "deal.error.code_spaces"),
        (" ", "deal.error.code_empty"),
        ("LÉNA15", "deal.error.code_chars"),
        ("LENA15!", "deal.error.code_chars"),
    ],
)
def test_it_refuses_codes_a_customer_could_not_type(typed: str, code: str) -> None:
    with pytest.raises(DealRuleError) as refused:
        check_code(typed)
    assert refused.value.code == code


def test_a_typed_code_is_upper_cased() -> None:
    assert check_code(" lena15 ") == "LENA15"


def test_a_code_is_expired_after_its_end_and_exhausted_at_its_limit() -> None:
    def state(**kw: object) -> str:
        base: dict[str, object] = {
            "today": date(2027, 4, 1),
            "starts_on": date(2027, 3, 1),
            "ends_on": date(2027, 3, 31),
            "usage_limit": None,
            "times_used": 0,
        }
        return code_state(**{**base, **kw})  # type: ignore[arg-type]

    assert state() == "expired"
    assert state(today=date(2027, 3, 31)) == "active"
    assert state(today=date(2027, 2, 1)) == "scheduled"
    assert state(today=date(2027, 3, 5), usage_limit=100, times_used=100) == "exhausted"


def test_the_status_machine_only_moves_forward_or_to_cancelled() -> None:
    order = ["proposed", "accepted", "live", "delivered", "paid"]
    for current, following in pairwise(order):
        check_transition(current, following)
    for current in STATUSES:
        for target in STATUSES:
            if target in TRANSITIONS[current]:
                continue
            with pytest.raises(DealRuleError):
                check_transition(current, target)
    with pytest.raises(DealRuleError) as unknown:
        check_transition("proposed", "signed")
    assert unknown.value.code == "deal.error.status_unknown"
