"""Numbers as people read them in English and French: counts and percentages."""

from __future__ import annotations

from typing import Literal

from babel.numbers import format_decimal

__all__ = ["Locale", "format_count", "format_percent"]

Locale = Literal["en", "fr"]


def format_count(value: float, locale: Locale, *, signed: bool = False) -> str:
    """12,500 in English, 12 500 in French; signed counts use a true minus sign."""
    text = format_decimal(abs(value), "#,##0", locale=locale)
    if signed:
        return ("+" if value >= 0 else "−") + text
    return text if value >= 0 else "−" + text


def format_percent(
    fraction: float, locale: Locale, *, signed: bool = False, digits: int = 1
) -> str:
    """1.4% in English, 1,4 % in French (no-break space before the sign)."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    text = format_decimal(abs(fraction) * 100, pattern, locale=locale)
    text = f"{text}%" if locale == "en" else f"{text}\u00a0%"
    if signed:
        return ("+" if fraction >= 0 else "−") + text
    return text if fraction >= 0 else "−" + text
