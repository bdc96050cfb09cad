"""Influent's languages: message catalogs, choosing a locale, and numbers written the local way.

The web app and the command line both speak through `Translator`; the catalogs are the JSON
files in `locales/`, next to this module.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from influent.domain.messages import Day, Figure, Message, Month, Ordinal, Percent

__all__ = [
    "LOCALES",
    "Translator",
    "catalog",
    "choose_locale",
    "negotiate",
    "plural_form",
]

LOCALES = ("en", "fr")


# Babel and its locale data load on first use, not with this module: a command whose help or
# refusal needs only the catalogs starts without them.
class Locale:
    """Babel's `Locale.parse`, imported when first called."""

    @staticmethod
    def parse(name: str) -> Any:
        from babel import Locale as BabelLocale

        return BabelLocale.parse(name)


def babel_date(*args: Any, **kwargs: Any) -> str:
    from babel.dates import format_date

    return format_date(*args, **kwargs)


def babel_datetime(*args: Any, **kwargs: Any) -> str:
    from babel.dates import format_datetime

    return format_datetime(*args, **kwargs)


def format_decimal(*args: Any, **kwargs: Any) -> str:
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(*args, **kwargs)


def format_currency(*args: Any, **kwargs: Any) -> str:
    from babel.numbers import format_currency as babel_currency

    return babel_currency(*args, **kwargs)


def get_currency_precision(currency: str) -> int:
    from babel.numbers import get_currency_precision as babel_precision

    return babel_precision(currency)


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


@cache
def _plural_rule(locale: str) -> Any:
    return Locale.parse(locale).plural_form


def plural_form(locale: str, count: float) -> str:
    """Babel's plural category of `count` in `locale`: "one", "other", "many"…"""
    form: str = _plural_rule(locale)(abs(count))
    return form


def _entry(locale: str, msgid: str, count: object, counted: bool) -> str | None:
    """The catalog text of `msgid`, or of its plural form for `count` (`msgid.one`…).

    A count given as None (a figure not known, written "—") takes the general form.
    """
    texts = catalog(locale)
    text = texts.get(msgid)
    if text is None and isinstance(count, int | float) and not isinstance(count, bool):
        form = plural_form(locale, count)
        text = texts.get(f"{msgid}.{form}") or texts.get(f"{msgid}.other")
    elif text is None and counted and count is None:
        text = texts.get(f"{msgid}.other")
    return text


@dataclass(frozen=True, slots=True)
class Translator:
    """Messages and numbers for one locale.

    Templates call its methods as t(), say(), num(), pct(); the command line calls them directly.
    """

    locale: str

    def t(self, msgid: str, /, **values: object) -> str:
        """The catalog's text for `msgid`, its parameters written this locale's way.

        A `count` parameter picks the plural form (`msgid.one`, `msgid.other`, Babel's rules)
        when the catalog has no plain `msgid`; `count=None` picks the general ("other") form.
        """
        count = values.get("count")
        counted = "count" in values
        text = (
            _entry(self.locale, msgid, count, counted)
            or _entry("en", msgid, count, counted)
            or msgid
        )
        if not values:
            return text
        return text.format(**{name: self.value(v) for name, v in values.items()})

    def say(self, message: Message | None) -> str:
        """A domain or service `Message` (or a `MessageError`'s) in this locale."""
        if message is None:
            return ""
        return self.t(message.code, **message.params)

    def value(self, value: object) -> str:
        """A message parameter as this locale writes it (see `domain.messages`)."""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return self.t("value.yes") if value else self.t("value.no")
        if isinstance(value, int | float | Decimal):
            return self.num(value)
        if isinstance(value, Percent):
            text = self.pct(abs(value.rate) if value.signed else value.rate, value.digits)
            return _signed(text, value.rate) if value.signed else text
        if isinstance(value, Figure):
            text = self.num(abs(value.value) if value.signed else value.value, value.digits)
            return _signed(text, value.value) if value.signed else text
        if isinstance(value, Message):
            return self.say(value)
        if isinstance(value, tuple | list):
            return ", ".join(self.value(v) for v in value)
        if isinstance(value, Day):
            return babel_date(value.day, "d MMMM", locale=self.locale)
        if isinstance(value, Month):
            return babel_date(value.day, "LLLL y", locale=self.locale)
        if isinstance(value, Ordinal):
            return self.ordinal(value.value)
        return str(value)

    def ordinal(self, rank: int) -> str:
        """A rank the local way: "1st", "2nd", "11th", "91st"; "1er", "2e", "91e"."""
        if self.locale == "fr":
            return f"{rank}er" if rank == 1 else f"{rank}e"
        if 11 <= rank % 100 <= 13:
            return f"{rank}th"
        return f"{rank}" + {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")

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

    def num(self, value: int | float | Decimal | None, digits: int | None = None) -> str:
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

    def date(self, moment: datetime | date | str | None) -> str:
        """A day the local way ("30 Nov 2026", "30 nov. 2026"); an ISO string is read first."""
        if moment is None or moment == "":
            return ""
        if isinstance(moment, str):
            moment = date.fromisoformat(moment[:10])
        return babel_date(moment, format="medium", locale=self.locale)

    def datetime(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return babel_datetime(moment, format="short", locale=self.locale, tzinfo=moment.tzinfo)


def _signed(text: str, value: float) -> str:
    """A figure with its sign: "+" for zero and gains, a true minus sign for losses."""
    return ("+" if value >= 0 else "\u2212") + text
