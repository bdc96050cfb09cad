from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from influent.domain.values import (
    MISSING_TOKENS,
    ValueProblem,
    is_missing,
    looks_like_fraction,
    normalise_key,
    parse_count,
    parse_email,
    parse_percent,
    parse_text,
)

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150k", 150_000),
        ("150K", 150_000),
        ("150 k", 150_000),
        ("1,2M", 1_200_000),
        ("1.2M", 1_200_000),
        ("1,2 M", 1_200_000),
        ("12.5k", 12_500),
        ("12,5k", 12_500),
        ("1 200", 1_200),
        ("12 500", 12_500),
        (f"12{NBSP}500", 12_500),
        (f"1{NARROW_NBSP}234{NARROW_NBSP}567", 1_234_567),
        ("12,500", 12_500),
        ("12.500", 12_500),
        ("1,234,567", 1_234_567),
        ("1.234.567", 1_234_567),
        ("1'234'567", 1_234_567),
        ("1.5E+05", 150_000),
        ("1.5e5", 150_000),
        ("1,5E+05", 150_000),
        ("2E3", 2_000),
        ("  4200  ", 4_200),
        ("0", 0),
        ("+5", 5),
        ("150k+", 150_000),
        ("~150k", 150_000),
        ("1,5 Md", 1_500_000_000),
        (12_500, 12_500),
        (12_500.0, 12_500),
        (150_000.4, 150_000),
    ],
)
def test_it_reads_counts_as_people_type_them(text: object, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "nan", "NaN", "N/A", "n/a", "-", "—", "NC", "null"])
def test_it_reads_missing_tokens_as_no_count(text: str) -> None:
    assert parse_count(text) is None
    assert parse_percent(text) is None
    assert parse_text(text) is None
    assert parse_email(text) is None


def test_it_reads_none_and_float_nan_as_missing() -> None:
    assert parse_count(None) is None
    assert parse_count(math.nan) is None
    assert parse_percent(math.nan) is None
    assert is_missing(None) and is_missing(math.nan) and is_missing(" N/A ")
    assert not is_missing(0) and not is_missing("0")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "cannot be negative"),
        ("1.5", "is not a whole number"),
        ("2,5", "is not a whole number"),
        ("beaucoup", "is not a number"),
        ("12 pommes", "unknown unit “pommes”"),
        ("150x", "unknown unit"),
        ("1e400", "not a finite number"),
        ("99999999999", "larger than any audience"),
        ("14,42.,465,", "is not a"),
        ("1..2,,3", "is not a"),
        ("9" * 400 + ",5", "not a finite number"),
    ],
)
def test_it_explains_counts_it_cannot_read(text: str, reason: str) -> None:
    with pytest.raises(ValueProblem, match=reason):
        parse_count(text)


def test_it_refuses_a_yes_no_value_as_a_count() -> None:
    with pytest.raises(ValueProblem):
        parse_count(True)
    with pytest.raises(ValueProblem):
        parse_percent(False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 %", 0.05),
        ("5%", 0.05),
        ("5,3%", 0.053),
        ("5,3 %", 0.053),
        ("5.3%", 0.053),
        (f"5,3{NBSP}%", 0.053),
        ("5.3", 0.053),
        ("0", 0.0),
        ("100%", 1.0),
        (5, 0.05),
        (5.3, 0.053),
    ],
)
def test_it_reads_percentages_as_fractions(text: object, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


def test_it_reads_plain_numbers_as_fractions_when_the_column_stores_fractions() -> None:
    assert parse_percent(0.053, plain_is_fraction=True) == pytest.approx(0.053)
    assert parse_percent("0,053", plain_is_fraction=True) == pytest.approx(0.053)
    # A percent sign always means percentage points.
    assert parse_percent("5,3%", plain_is_fraction=True) == pytest.approx(0.053)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("101%", "above 100"),
        ("-1%", "cannot be negative"),
        ("élevé", "is not a percentage"),
        ("%", "is not a percentage"),
        ("inf", "not a finite number"),
    ],
)
def test_it_explains_percentages_it_cannot_read(text: str, reason: str) -> None:
    with pytest.raises(ValueProblem, match=reason):
        parse_percent(text)


def test_it_tells_a_column_of_fractions_from_a_column_of_points() -> None:
    assert looks_like_fraction([0.053, 0.1, None, "N/A", 1])
    assert not looks_like_fraction([0.053, 5.3])
    assert not looks_like_fraction(["0.05", "5 %"])
    assert not looks_like_fraction([None, "", "nan"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("marie@example.com", "marie@example.com"),
        ("  Marie.Dupont@Example.COM ", "marie.dupont@example.com"),
        ("mailto:marie@example.com", "marie@example.com"),
        ("MAILTO:Marie@Example.com", "marie@example.com"),
        ("Mailto:marie@example.com", "marie@example.com"),
        ("<marie@example.com>", "marie@example.com"),
        ("marie+pro@studio.co.uk", "marie+pro@studio.co.uk"),
    ],
)
def test_it_reads_emails_with_caps_and_mailto(text: str, expected: str) -> None:
    assert parse_email(text) == expected


@pytest.mark.parametrize(
    "text", ["marie", "marie@", "@example.com", "marie@example", "a b@example.com", "a@b@c.com"]
)
def test_it_refuses_text_that_is_not_an_email(text: str) -> None:
    with pytest.raises(ValueProblem, match="is not an email address"):
        parse_email(text)


def test_it_trims_text_and_folds_inner_spaces_but_keeps_line_breaks() -> None:
    assert parse_text("  Marie   Dupont ") == "Marie Dupont"
    assert parse_text("line one\nline two ") == "line one\nline two"
    assert parse_text(42.0) == "42"
    with pytest.raises(ValueProblem, match="longer than 10"):
        parse_text("x" * 11, max_length=10)


def test_it_normalises_keys_without_case_accents_or_punctuation() -> None:
    assert normalise_key("Taux d’Engagement (%)") == "taux d engagement %"
    assert normalise_key("  ABONNÉS ") == "abonnes"
    assert normalise_key("Nom_du_créateur") == "nom du createur"
    assert normalise_key("Nom :_du créateur") == "nom du createur"


# Properties --------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10_000_000_000)


@given(counts)
def test_it_reads_back_any_count_written_plainly(n: int) -> None:
    assert parse_count(str(n)) == n


@given(counts)
def test_it_reads_back_any_count_with_comma_grouping(n: int) -> None:
    assert parse_count(f"{n:,}") == n


@given(counts)
def test_it_reads_back_any_count_with_space_grouping(n: int) -> None:
    assert parse_count(f"{n:,}".replace(",", " ")) == n


@given(counts, st.sampled_from([NBSP, NARROW_NBSP, "\u2009", "'", "."]))
def test_it_reads_back_any_count_with_other_grouping(n: int, separator: str) -> None:
    assert parse_count(f"{n:,}".replace(",", separator)) == n


@given(st.integers(min_value=0, max_value=10_000_000))
def test_it_reads_back_a_count_written_in_thousands(n: int) -> None:
    assert parse_count(f"{n / 1000}k") == n
    assert parse_count(f"{n / 1000}K".replace(".", ",")) == n


@given(st.integers(min_value=0, max_value=9_999_999_999))
def test_it_reads_back_a_count_written_in_millions_within_rounding(n: int) -> None:
    shown = f"{n / 1_000_000:.1f}M"
    assert abs(parse_count(shown) - n) <= 50_000  # type: ignore[operator]
    assert parse_count(shown.replace(".", ",")) == parse_count(shown)


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=99))
def test_it_reads_back_scientific_notation(mantissa: int, exponent_extra: int) -> None:
    n = mantissa * 10**3
    if n <= 10_000_000_000:
        assert parse_count(f"{n:.6E}") == n


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=9))
def test_it_reads_back_percentages_with_space_and_comma(units: int, tenths: int) -> None:
    if units == 100:
        tenths = 0
    expected = (units + tenths / 10) / 100
    assert parse_percent(f"{units} %") == pytest.approx(units / 100)
    assert parse_percent(f"{units},{tenths}%") == pytest.approx(expected)
    assert parse_percent(f"{units}.{tenths} %") == pytest.approx(expected)


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_it_reads_back_any_percentage_written_by_python(x: float) -> None:
    assert parse_percent(f"{x} %") == pytest.approx(x / 100)
    assert parse_percent(f"{x}%".replace(".", ",")) == pytest.approx(x / 100)


_MESSY = st.text(alphabet="0123456789.,kKmMbBdeE+-%~ \u00a0'_@/:#nNaA", max_size=14)


@given(st.one_of(st.text(), _MESSY))
def test_it_never_raises_anything_but_a_value_problem_on_any_text(text: str) -> None:
    for parse in (
        parse_count,
        parse_percent,
        lambda v: parse_percent(v, plain_is_fraction=True),
        parse_email,
        parse_text,
    ):
        with contextlib.suppress(ValueProblem):
            parse(text)


@given(st.one_of(st.text(), _MESSY))
def test_it_returns_counts_in_range_or_none(text: str) -> None:
    try:
        value = parse_count(text)
    except ValueProblem:
        return
    assert value is None or 0 <= value <= 10_000_000_000


@given(st.one_of(st.text(), _MESSY))
def test_it_returns_rates_between_zero_and_one_or_none(text: str) -> None:
    try:
        value = parse_percent(text)
    except ValueProblem:
        return
    assert value is None or 0 <= value <= 1


@given(st.sampled_from(sorted(MISSING_TOKENS)), st.sampled_from(["", " ", "  "]))
def test_it_treats_every_missing_token_in_any_case_as_missing(token: str, pad: str) -> None:
    assert is_missing(pad + token.upper() + pad)
    assert parse_count(pad + token + pad) is None


@given(st.text())
def test_it_normalises_keys_idempotently(text: str) -> None:
    once = normalise_key(text)
    assert normalise_key(once) == once
    assert once == once.strip()
