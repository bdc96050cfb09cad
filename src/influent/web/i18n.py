"""The UI's languages: message catalogs, choosing a locale, and numbers written the local way."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_decimal

__all__ = [
    "LOCALES",
    "Translator",
    "catalog",
    "choose_locale",
    "negotiate",
]

LOCALES = ("en", "fr")
LOCALE_DIR = Path(__file__).parent / "locales"


@cache
def catalog(locale: str) -> dict[str, str]:
    """msgid -> text for one locale, read once per process.

    `locales/<locale>.json` holds the app's messages; an area of the app may add its own
    `locales/<area>.<locale>.json` (vetting.fr.json…), merged in name order.
    """
    data: dict[str, str] = {}
    for path in [LOCALE_DIR / f"{locale}.json", *sorted(LOCALE_DIR.glob(f"*.{locale}.json"))]:
        data.update(json.loads(path.read_text(encoding="utf-8")))
    return data


def negotiate(accept_language: str | None) -> str | None:
    """The first supported language of an Accept-Language header, by quality."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()))
    for negative_quality, _, tag in sorted(ranked):
        language = tag.split("-")[0]
        if negative_quality < 0 and language in LOCALES:
            return language
    return None


def choose_locale(
    *,
    user_locale: str | None,
    session_locale: str | None,
    accept_language: str | None,
    default: str,
) -> str:
    """The user's saved choice, else this browser's choice, else its languages, else the default."""
    for candidate in (user_locale, session_locale, negotiate(accept_language)):
        if candidate in LOCALES:
            return candidate
    return default


@cache
def _percent_pattern(locale: str) -> Any:
    # The locale's own percent pattern ("#,##0 %" in French), with up to two decimals.
    pattern = copy.copy(Locale.parse(locale).percent_formats[None])
    pattern.frac_prec = (0, 2)
    return pattern


@dataclass(frozen=True, slots=True)
class Translator:
    """Messages and numbers for one locale; templates call its methods as t(), num(), pct()."""

    locale: str

    def t(self, msgid: str, /, **values: object) -> str:
        text = catalog(self.locale).get(msgid) or catalog("en").get(msgid) or msgid
        return text.format(**values) if values else text

    def text(self, english: str | None) -> str:
        """A sentence the analysis wrote in English, in this locale (gettext style).

        `locales/texts.<locale>.json` maps each English sentence to its translation; a
        {name} in a key matches any text there and is carried into the translation
        (translated in turn when it is itself a known sentence). Unknown sentences stay in
        English rather than disappear.
        """
        if not english or self.locale == "en":
            return english or ""
        return _translate_text(self.locale, english)

    def label(self, group: str, value: str | None) -> str:
        """The name of a known value ("platform", "instagram"), or the value itself."""
        if not value:
            return ""
        msgid = f"{group}.{value}"
        text = catalog(self.locale).get(msgid) or catalog("en").get(msgid)
        return text or value

    def problem(self, found: Any) -> str:
        """A row problem in this locale: its code's message, else the English reason."""
        code = getattr(found, "code", "")
        text = catalog(self.locale).get(f"problem.{code}") if code else None
        return text.format(**found.params) if text else str(found.reason)

    def num(self, value: int | float | None) -> str:
        return "" if value is None else format_decimal(value, locale=self.locale)

    def pct(self, rate: float | None) -> str:
        """A rate stored as a fraction (0.053) written as a percentage ("5.3%", "5,3 %")."""
        if rate is None:
            return ""
        text: str = _percent_pattern(self.locale).apply(rate, Locale.parse(self.locale))
        return text

    def count(self, value: int, exact: bool) -> str:
        """A total that may be capped: "1,000+" when the count stopped early."""
        return self.num(value) + ("" if exact else "+")

    def date(self, moment: datetime | None) -> str:
        return "" if moment is None else babel_date(moment, format="medium", locale=self.locale)

    def datetime(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return babel_datetime(moment, format="short", locale=self.locale, tzinfo=moment.tzinfo)


@lru_cache(maxsize=8)
def _text_patterns(locale: str) -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for key, translated in catalog(locale).items():
        if key.startswith("text:") and "{" in key:
            parts = re.split(r"\{(\w+)\}", key[len("text:") :])
            regex = "".join(
                re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                for i, part in enumerate(parts)
            )
            patterns.append((re.compile(f"^{regex}$"), translated))
    return patterns


@lru_cache(maxsize=1024)
def _translate_text(locale: str, english: str) -> str:
    exact = catalog(locale).get(f"text:{english}")
    if exact is not None:
        return exact
    for pattern, translated in _text_patterns(locale):
        found = pattern.match(english)
        if found:
            values = {k: _translate_text(locale, v) for k, v in found.groupdict().items()}
            return translated.format(**values)
    return english
