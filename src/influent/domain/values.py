"""Parsers for values as people type them in spreadsheets.

Each parser takes the cell as text (or as the number a spreadsheet stored) and either
returns a clean value, returns None for a missing value, or raises `ValueProblem` with a
sentence a user can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

__all__ = [
    "MISSING_TOKENS",
    "ValueProblem",
    "is_missing",
    "normalise_key",
    "parse_count",
    "parse_date",
    "parse_email",
    "parse_percent",
    "parse_ratio",
    "parse_text",
    "parse_yes_no",
    "percent_text",
]


# Every reason a value can be refused, in English; the web app translates them by code
# ("problem.<code>" in its catalogs), with the same {placeholders}.
PROBLEMS: dict[str, str] = {
    "yes_no_number": "expected a number, got a yes/no value",
    "not_finite": "is not a finite number",
    "not_a_count": "“{text}” is not a number (try 12500, 12 500, 12.5k or 1,2M)",
    "unknown_unit": "“{text}” has an unknown unit “{unit}” (use k or M)",
    "not_a_number": "“{text}” is not a number",
    "not_whole": "“{text}” is not a whole number",
    "negative": "cannot be negative",
    "too_large": "is larger than any audience on Earth",
    "yes_no_percent": "expected a percentage, got a yes/no value",
    "not_a_percent": "“{text}” is not a percentage (try 5 % or 5,3%)",
    "above_100": "{percent} is above 100 %",
    "too_long": "is longer than {limit} characters",
    "not_an_email": "“{text}” is not an email address",
    "empty_handle": "is an empty handle",
    "not_a_handle": "“{text}” is not a handle (letters, digits, '.', '_' and '-' only)",
    "not_a_web_address": "“{text}” is not a web address",
    "local_address": "“{text}” is a local or numeric address, not a creator’s page",
    "not_on_platform": "“{text}” is not a {platform} address",
    "no_account_in_url": "“{text}” has no account name in it",
    "no_profile_in_url": "“{text}” has no profile name in it",
    "no_channel_in_url": "“{text}” has no channel in it",
    "video_not_channel": "“{text}” is a video, not a channel",
    "unknown_platform": "“{text}” is not a platform we know ({known})",
    "no_account": "a creator needs a handle, a profile URL or a name",
    "platform_mismatch": "is a {found} link but the platform column says {stated}",
    "platform_unknown": "the platform is unknown: add a platform column, a profile URL or pass --platform",
    "duplicate": "same account as row {row}",
    "not_a_date": "“{text}” is not a date (use 2024-05-31 or 31/05/2024)",
    "empty": "is empty",
    "no_known_platform": "has no platform we know (“{text}”)",
    "unknown_account": "no {platform} account “{handle}” in this workspace",
    "unknown_post": "no post “{post}” of “{handle}”: import the posts first",
    "missing": "is missing",
    "not_yes_no": "“{text}” is not yes/no (try yes, no, oui, non, 1 or 0)",
    "not_a_ratio": "“{text}” is not a ratio between 0 and 1",
}


class ValueProblem(ValueError):
    """A cell that cannot be read: a code from PROBLEMS, its values, and the English sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(PROBLEMS[code].format(**params))


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
    return float(_decimal_text(text))


def _decimal_text(text: str) -> str:
    """'1.234,5' -> '1234.5': the number as Python writes it, separators resolved."""
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
    return text


def parse_count(value: object) -> int | None:
    """A whole count such as followers: '150k', '1,2M', '1 200', '1.5E+05', 12500."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("yes_no_number")
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
        raise ValueProblem("not_finite")
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
        raise ValueProblem("not_a_count", text=text)
    digits, suffix = match.groups()
    if suffix and suffix not in _SUFFIXES:
        raise ValueProblem("unknown_unit", text=text, unit=suffix)
    if not suffix:
        # A count has no decimals: a lone separator followed by three digits groups thousands.
        if re.fullmatch(r"[0-9]{1,3}([.,][0-9]{3})+", digits):
            return float(re.sub(r"[.,]", "", digits))
        if re.search(r"[.,]", digits):
            try:
                number = _decimal(digits)
            except ValueError:
                raise ValueProblem("not_a_number", text=text) from None
            if math.isfinite(number) and number != int(number):
                raise ValueProblem("not_whole", text=text)
            return number
        return float(digits)
    try:
        return _decimal(digits) * _SUFFIXES[suffix]
    except ValueError:
        raise ValueProblem("not_a_number", text=text) from None


def _check_count(number: int) -> int:
    if number < 0:
        raise ValueProblem("negative")
    if number > 10_000_000_000:
        raise ValueProblem("too_large")
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
        raise ValueProblem("yes_no_percent")
    has_sign = False
    exact: Decimal | None = None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        compact = text.translate(_GROUPING).lower()
        if compact.endswith("%"):
            has_sign = True
            compact = compact[:-1]
        try:
            exact = Decimal(_decimal_text(compact).strip())
            number = float(exact)
        except (ValueError, InvalidOperation):
            raise ValueProblem("not_a_percent", text=text) from None
    if number != number or number in (math.inf, -math.inf):
        raise ValueProblem("not_finite")
    if plain_is_fraction and not has_sign:
        fraction = number
    elif exact is not None:
        # Written text is moved two places in decimal, then rounded once: '4.67229616374007%'
        # is the float 0.0467229616374007 exactly, as an export writes it and polars reads it.
        fraction = float(exact.scaleb(-2))
    else:
        fraction = number / 100
    if fraction < 0:
        raise ValueProblem("negative")
    if fraction > 1:
        raise ValueProblem("above_100", percent=f"{fraction:.0%}")
    return fraction


def percent_text(rate: float) -> str:
    """A rate as the shortest percentage that reads back as exactly the same float."""
    shifted = Decimal(repr(rate)).scaleb(2).normalize()
    return f"{shifted:f}%"


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
        raise ValueProblem("too_long", limit=max_length)
    return text


def parse_email(value: object) -> str | None:
    """An email address, lower-cased; 'mailto:' and angle brackets are removed."""
    text = parse_text(value)
    if text is None:
        return None
    cleaned = text.strip("<> ").lower().removeprefix("mailto:").strip("<> ")
    if not _EMAIL.match(cleaned):
        raise ValueProblem("not_an_email", text=text)
    return cleaned


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value: object) -> datetime:
    """'2024-05-06', '2024-05-06T10:00:00Z', '06/05/2024' (day first) or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    text = str(value).strip()
    match = _DAY_FIRST.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime(year, month, day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueProblem("not_a_date", text=text) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


_TRUE = frozenset({"1", "yes", "y", "oui", "o", "true", "vrai", "t", "x"})
_FALSE = frozenset({"0", "no", "n", "non", "false", "faux", "f"})


def parse_yes_no(value: object) -> float:
    """A yes/no cell as 1.0 or 0.0: 'oui', 'no', 1, True, 'x'…"""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float) and value in (0, 1):
        return float(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return 1.0
    if text in _FALSE:
        return 0.0
    raise ValueProblem("not_yes_no", text=value)


def parse_ratio(value: object) -> float:
    """A ratio between 0 and 1: '0.25', '0,25' or '25 %'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        percent = text.endswith("%")
        try:
            number = float(text.rstrip("% ")) / (100 if percent else 1)
        except ValueError:
            raise ValueProblem("not_a_ratio", text=value) from None
    if not 0 <= number <= 1:
        raise ValueProblem("not_a_ratio", text=value)
    return number
