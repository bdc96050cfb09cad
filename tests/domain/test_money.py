"""Amounts as people type them, in minor units with an ISO currency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.money import Money, MoneyError, check_currency, parse_money


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 200 €", Money(120_000, "EUR")),
        ("1\u202f200\u00a0€", Money(120_000, "EUR")),
        ("1,200.50 EUR", Money(120_050, "EUR")),
        ("€1200", Money(120_000, "EUR")),
        ("1.200,50 €", Money(120_050, "EUR")),
        ("12,5 €", Money(1_250, "EUR")),
        ("EUR 300", Money(30_000, "EUR")),
        ("$1,500", Money(150_000, "USD")),
        ("£300", Money(30_000, "GBP")),
        ("300 chf", Money(30_000, "CHF")),
        ("1 200 euros", Money(120_000, "EUR")),
        ("5000 JPY", Money(5_000, "JPY")),
        ("800", Money(80_000, "EUR")),
    ],
)
def test_it_reads_amounts_as_people_type_them(typed: str, expected: Money) -> None:
    assert parse_money(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("mille euros", "money.error.amount"),
        ("deux cents", "money.error.amount"),
        ("1200 ABC", "money.error.currency"),
        ("1200 EURO DOLLARS", "money.error.currency"),
        ("-5 €", "money.error.negative"),
        ("1,2,3", "money.error.amount"),
        ("€ 12 €", "money.error.amount"),
        ("", "money.error.amount"),
    ],
)
def test_it_refuses_what_is_not_an_amount(typed: str, code: str) -> None:
    with pytest.raises(MoneyError) as refused:
        parse_money(typed)
    assert refused.value.code == code


def test_the_default_currency_applies_when_none_is_typed() -> None:
    assert parse_money("250", default_currency="usd") == Money(25_000, "USD")
    assert check_currency("€") == "EUR"


@given(st.integers(min_value=0, max_value=10**9))
def test_a_written_amount_reads_back_to_the_same_cents(cents: int) -> None:
    euros, rest = divmod(cents, 100)
    english = f"{euros:,}.{rest:02d} EUR"
    french = f"{euros:,}".replace(",", "\u202f") + f",{rest:02d} €"
    assert parse_money(english).minor == cents
    assert parse_money(french).minor == cents
