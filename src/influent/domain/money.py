"""Amounts of money as people type them: "1 200 €", "1,200.50 EUR", "€1200", "1.200,50 €".

An amount is an integer in minor units (cents) and an ISO 4217 currency. Refusals are
`MessageError`s with `money.error.*` codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.numbers import get_currency_precision, list_currencies

from influent.domain.messages import MessageError

__all__ = ["Money", "MoneyError", "check_currency", "format_major", "parse_money"]

_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "fr": "CHF",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
}
# Spaces a keyboard or a spreadsheet may put inside a number, and the Swiss apostrophe.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'’_")
_AMOUNT = re.compile(
    r"^(?P<pre>[^\d\s.,+-]*)\s*(?P<num>[+-]?[\d\s\u00a0\u202f\u2009'’.,]*\d)\s*(?P<post>.*)$"
)


class MoneyError(MessageError):
    """An amount or a currency that cannot be read."""


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str

    @property
    def major(self) -> float:
        return format_major(self.minor, self.currency)


def check_currency(code: str) -> str:
    """An ISO 4217 code, upper-cased; refuses what Babel does not know."""
    text = code.strip()
    upper = _SYMBOLS.get(text.lower(), text.upper())
    if not re.fullmatch(r"[A-Z]{3}", upper) or upper not in list_currencies():
        raise MoneyError("money.error.currency", currency=code.strip())
    return upper


def _number(text: str, original: str) -> float:
    digits = text.translate(_GROUPING)
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        digits = digits.replace(grouping, "").replace(decimal, ".")
    elif "," in digits or "." in digits:
        sep = "," if "," in digits else "."
        parts = digits.split(sep)
        # "1,200" and "1.200" group thousands; "12,50" and "12.5" have decimals.
        if len(parts) == 2 and len(parts[1]) in (1, 2):
            digits = parts[0] + "." + parts[1]
        elif all(len(p) == 3 for p in parts[1:]) and parts[0]:
            digits = "".join(parts)
        else:
            raise MoneyError("money.error.amount", text=original)
    try:
        return float(digits)
    except ValueError:
        raise MoneyError("money.error.amount", text=original) from None


def parse_money(value: str | int | float, *, default_currency: str = "EUR") -> Money:
    """An amount with an optional currency symbol or code before or after it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount, currency = float(value), check_currency(default_currency)
        original = str(value)
    else:
        original = str(value).strip()
        match = _AMOUNT.match(original)
        if not original or match is None:
            raise MoneyError("money.error.amount", text=original)
        pre, post = match["pre"].strip(), match["post"].strip()
        if pre and post:
            raise MoneyError("money.error.amount", text=original)
        marker = pre or post
        currency = check_currency(marker) if marker else check_currency(default_currency)
        amount = _number(match["num"], original)
    if amount < 0:
        raise MoneyError("money.error.negative", text=original)
    precision = int(get_currency_precision(currency))
    minor = round(amount * 10**precision)
    if minor > 10**13:
        raise MoneyError("money.error.too_large", text=original)
    return Money(minor, currency)


def format_major(minor: int, currency: str) -> float:
    """Minor units as a number of major units (cents to euros)."""
    digits: int = get_currency_precision(currency)
    return float(minor) / float(10**digits)
