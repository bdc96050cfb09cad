"""Parsers for values as people type them in spreadsheets.

Each parser takes the cell as text (or as the number a spreadsheet stored) and either
returns a clean value, returns None for a missing value, or raises `ValueProblem` with a
sentence a user can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = [
    "MISSING_TOKENS",
    "ValueProblem",
    "is_missing",
    "normalise_key",
    "parse_count",
    "parse_email",
    "parse_percent",
    "parse_text",
]


class ValueProblem(ValueError):
    """A cell that cannot be read, with the reason in plain words."""


MISSING_TOKENS = frozenset(
    {
        "",
        "nan",
        "n/a",
        "na",
        "n.a.",
        "-",
        "--",
        "—",
        "–",
        "none",
        "null",
        "nil",
        "#n/a",
        "?",
        "nc",
        "n.c.",
        "non communiqué",
        "inconnu",
        "unknown",
    }
)

# Every space a spreadsheet or a French keyboard may put inside a number:
# space, no-break space, narrow no-break space, thin space, and the Swiss apostrophe.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'’_")
_SUFFIXES = {
    "k": 1_000,
    "m": 1_000_000,
    "md": 1_000_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "mio": 1_000_000,
    "mil": 1_000,
    "mille": 1_000,
}
_NUMBER_WITH_SUFFIX = re.compile(r"^([+-]?[0-9][0-9.,]*)([a-z]*)$")
_SCIENTIFIC = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?e[+-]?[0-9]+$")
_EMAIL = re.compile(r"^[^@\s<>(),;:]+@[^@\s<>(),;:]+\.[a-z]{2,}$", re.IGNORECASE)


def is_missing(value: object) -> bool:
    """True for empty cells and the tokens people write for 'unknown'."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip().lower() in MISSING_TOKENS
    return False


_NOT_KEY = re.compile(r"(?:[^\w@#%]|_)+")


def normalise_key(text: str) -> str:
    """Lower-case, accents (combining marks) removed, punctuation folded to single spaces."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_KEY.sub(" ", text.lower()).strip()


def _decimal(text: str) -> float:
    """Read '1,2', '1.2', '1.234,5', '1,234.5', '1.200.000' as a float."""
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        parts = text.split(",")
        text = text.replace(",", "") if len(parts) > 2 else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    return float(text)


def parse_count(value: object) -> int | None:
    """A whole count such as followers: '150k', '1,2M', '1 200', '1.5E+05', 12500."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("expected a number, got a yes/no value")
    if isinstance(value, int):
        number: float = value
    elif isinstance(value, float):
        number = value
    else:
        text = str(value).strip()
        try:
            return _check_count(int(text))
        except ValueError:
            pass
        number = _count_from_text(text)
    if number != number or number in (math.inf, -math.inf):
        raise ValueProblem("is not a finite number")
    return _check_count(round(number))


def _count_from_text(text: str) -> float:
    compact = text.translate(_GROUPING).lower()
    if compact.startswith("~") or compact.startswith("≈"):
        compact = compact[1:]
    if compact.endswith("+"):
        compact = compact[:-1]
    if _SCIENTIFIC.match(compact):
        return float(compact.replace(",", "."))
    match = _NUMBER_WITH_SUFFIX.match(compact)
    if not match:
        raise ValueProblem(f"“{text}” is not a number (try 12500, 12 500, 12.5k or 1,2M)")
    digits, suffix = match.groups()
    if suffix and suffix not in _SUFFIXES:
        raise ValueProblem(f"“{text}” has an unknown unit “{suffix}” (use k or M)")
    if not suffix:
        # A count has no decimals: a lone separator followed by three digits groups thousands.
        if re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})+", digits):
            return float(re.sub(r"[.,]", "", digits))
        if re.search(r"[.,]", digits):
            try:
                number = _decimal(digits)
            except ValueError:
                raise ValueProblem(f"“{text}” is not a number") from None
            if math.isfinite(number) and number != int(number):
                raise ValueProblem(f"“{text}” is not a whole number")
            return number
        return float(digits)
    try:
        return _decimal(digits) * _SUFFIXES[suffix]
    except ValueError:
        raise ValueProblem(f"“{text}” is not a number") from None


def _check_count(number: int) -> int:
    if number < 0:
        raise ValueProblem("cannot be negative")
    if number > 10_000_000_000:
        raise ValueProblem("is larger than any audience on Earth")
    return number


def parse_percent(value: object, *, plain_is_fraction: bool = False) -> float | None:
    """A rate as a fraction: '5 %' -> 0.05, '5,3%' -> 0.053.

    Text without a percent sign is read as percentage points ('5.3' -> 0.053), unless
    `plain_is_fraction` says the column stores fractions, as spreadsheets do for cells
    formatted as percentages (0.053).
    """
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("expected a percentage, got a yes/no value")
    has_sign = False
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        compact = text.translate(_GROUPING).lower()
        if compact.endswith("%"):
            has_sign = True
            compact = compact[:-1]
        try:
            number = _decimal(compact)
        except ValueError:
            raise ValueProblem(f"“{text}” is not a percentage (try 5 % or 5,3%)") from None
    if number != number or number in (math.inf, -math.inf):
        raise ValueProblem("is not a finite number")
    fraction = number if (plain_is_fraction and not has_sign) else number / 100
    if fraction < 0:
        raise ValueProblem("cannot be negative")
    if fraction > 1:
        raise ValueProblem(f"{fraction:.0%} is above 100 %")
    return fraction


def looks_like_fraction(values: list[object]) -> bool:
    """True when a column of rates holds fractions (all plain numbers at most 1)."""
    seen = False
    for value in values:
        if is_missing(value):
            continue
        if isinstance(value, str) and "%" in value:
            return False
        try:
            number = (
                float(value)  # type: ignore[arg-type]
                if not isinstance(value, str)
                else _decimal(value.translate(_GROUPING))
            )
        except (TypeError, ValueError):
            continue
        if number > 1:
            return False
        seen = True
    return seen


def parse_text(value: object, *, max_length: int = 2_000) -> str | None:
    """Trimmed text, or None when the cell is missing."""
    if is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    if len(text) > max_length:
        raise ValueProblem(f"is longer than {max_length} characters")
    return text


def parse_email(value: object) -> str | None:
    """An email address, lower-cased; 'mailto:' and angle brackets are removed."""
    text = parse_text(value)
    if text is None:
        return None
    cleaned = text.strip("<> ").lower().removeprefix("mailto:").strip("<> ")
    if not _EMAIL.match(cleaned):
        raise ValueProblem(f"“{text}” is not an email address")
    return cleaned
