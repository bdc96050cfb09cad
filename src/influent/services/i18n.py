"""Influent's languages: message catalogs, choosing a locale, and numbers written the local way.

The web app and the command line both speak through `Translator`; the catalogs are the JSON
files in `locales/`, next to this module.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_currency, format_decimal, get_currency_precision

from influent.domain.messages import Message

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
def _percent_pattern(locale: str, digits: int | None = None) -> Any:
    # The locale's own percent pattern ("#,##0 %" in French), with up to two decimals
    # or exactly `digits`.
    pattern = copy.copy(Locale.parse(locale).percent_formats[None])
    pattern.frac_prec = (0, 2) if digits is None else (digits, digits)
    return pattern


@dataclass(frozen=True, slots=True)
class Translator:
    """Messages and numbers for one locale.

    Templates call its methods as t(), tx(), num(), pct(); the command line calls them directly.
    """

    locale: str

    def t(self, msgid: str, /, **values: object) -> str:
        text = catalog(self.locale).get(msgid) or catalog("en").get(msgid) or msgid
        return text.format(**values) if values else text

    def say(self, message: Message) -> str:
        """A domain or service `Message` (or a `MessageError`'s) in this locale."""
        return self.t(message.code, **message.params)

    def text(self, english: str | None) -> str:
        """A sentence the analysis wrote in English, in this locale (gettext style).

        `text:` keys map each English sentence to its translation (`locales/texts.<locale>.json`
        for the creator audit, `locales/samples.<locale>.json` for the follower-sample audit); a
        {name} in a key matches any text there and is carried into the translation
        (translated in turn when it is itself a known sentence). {name:number} and
        {name:percent} match only a number ("12,500", "0.9") or a percentage ("67%") written
        the English way, and carry it written this locale's way. A row problem's sentence
        (the domain's PROBLEMS) is recognised from the English catalog's "problem.<code>".
        Unknown sentences stay in English rather than disappear.
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

    def num(self, value: int | float | None, digits: int | None = None) -> str:
        """A number the local way ("150,000", "150 000"); `digits` fixes the decimals."""
        if value is None:
            return ""
        if digits is None:
            return format_decimal(value, locale=self.locale)
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, pattern, locale=self.locale)

    def pct(self, rate: float | None, digits: int | None = None) -> str:
        """A rate stored as a fraction (0.053) written as a percentage ("5.3%", "5,3 %").

        Up to two decimals, or exactly `digits` ("5.30%").
        """
        if rate is None:
            return ""
        pattern = _percent_pattern(self.locale, digits)
        text: str = pattern.apply(rate, Locale.parse(self.locale))
        return text

    def count(self, value: int, exact: bool) -> str:
        """A total that may be capped: "1,000+" when the count stopped early."""
        return self.num(value) + ("" if exact else "+")

    def money(self, minor: int | None, currency: str) -> str:
        """Minor units of a currency the local way ("€1,234.50", "1 234,50 €")."""
        if minor is None:
            return ""
        amount = Decimal(minor).scaleb(-get_currency_precision(currency))
        text: str = format_currency(amount, currency, locale=self.locale)
        return text

    def date(self, moment: datetime | None) -> str:
        return "" if moment is None else babel_date(moment, format="medium", locale=self.locale)

    def datetime(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return babel_datetime(moment, format="short", locale=self.locale, tzinfo=moment.tzinfo)


# A placeholder in a text key: {name}, or {name:number} / {name:percent} for figures.
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(number|percent))?\}")
_FIGURE = r"[-−]?\d[\d,]*(?:\.\d+)?"
_MATCHES = {None: ".+?", "number": _FIGURE, "percent": _FIGURE + "%"}


@dataclass(frozen=True, slots=True)
class _TextPattern:
    regex: re.Pattern[str]
    kinds: dict[str, str]  # placeholder -> "number" or "percent"
    translated: str


def _compile(english: str, translated: str) -> _TextPattern:
    parts = _PLACEHOLDER.split(english)
    regex, kinds = "", {}
    for i in range(0, len(parts), 3):
        regex += re.escape(parts[i])
        if i + 1 < len(parts):
            name, kind = parts[i + 1], parts[i + 2]
            regex += f"(?P<{name}>{_MATCHES[kind]})"
            if kind:
                kinds[name] = kind
    return _TextPattern(re.compile(f"^{regex}$"), kinds, translated)


@lru_cache(maxsize=8)
def _text_patterns(locale: str) -> list[_TextPattern]:
    # The analysis' sentences first, then the row problems, whose code is lost on the way.
    texts, problems = [], []
    english = catalog("en")
    for key, translated in catalog(locale).items():
        if key.startswith("text:") and "{" in key:
            texts.append(_compile(key[len("text:") :], translated))
        elif key.startswith("problem.") and key in english:
            problems.append(_compile(english[key], translated))
    return texts + problems


def _figure(locale: str, kind: str, english: str) -> str:
    """A number or percentage written the English way ("12,500", "67%"), the local way."""
    digits = english.rstrip("%").replace(",", "").replace("−", "-")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return english
    if kind == "percent":
        text: str = _percent_pattern(locale).apply(value / 100, Locale.parse(locale))
        return text
    return format_decimal(value, locale=locale)


@lru_cache(maxsize=1024)
def _translate_text(locale: str, english: str) -> str:
    exact = catalog(locale).get(f"text:{english}")
    if exact is not None:
        return exact
    for pattern in _text_patterns(locale):
        found = pattern.regex.match(english)
        if found:
            values = {
                name: _figure(locale, pattern.kinds[name], value)
                if name in pattern.kinds
                else _translate_text(locale, value)
                for name, value in found.groupdict().items()
            }
            return pattern.translated.format(**values)
    return english
