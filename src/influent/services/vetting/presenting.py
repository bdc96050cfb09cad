"""Vetting results as people and programs read them: signal values and JSON-ready data."""

from __future__ import annotations

import dataclasses
import enum
import math
from datetime import date, datetime
from typing import Any

from babel.numbers import format_decimal

from influent.domain.messages import Message
from influent.domain.quality import Locale, MissingSignal, QualityScore, Signal, format_percent
from influent.services.i18n import Translator
from influent.services.vetting.results import CreatorAudit, History

__all__ = ["audit_to_dict", "history_to_dict", "signal_value", "to_plain"]

_PERCENT_SIGNALS = frozenset(
    {
        "engagement_vs_tier",
        "fake_followers",
        "growth_anomalies",
        "comment_authenticity",
        "comments_to_likes",
    }
)


def signal_value(signal: Signal, locale: Locale = "en") -> str:
    """A signal's input as people read it: shares as percentages, ratios with two decimals."""
    if signal.name in _PERCENT_SIGNALS:
        return format_percent(signal.value, locale, digits=2)
    return format_decimal(signal.value, "0.00", locale=locale)


_ENGLISH, _FRENCH = Translator("en"), Translator("fr")
# The sentences a reader of the score sees are written in the audit's language (with both
# languages beside them); every other message is written in English, with its code and
# parameters beside it, so `--json` has the same data in every language.
_SPOKEN: dict[type, tuple[str, ...]] = {
    Signal: ("sentence", "benchmark"),
    MissingSignal: ("reason",),
    QualityScore: ("note",),
}


def _message_data(message: Message) -> dict[str, Any]:
    """A message as data: its code and its parameters (nested messages likewise)."""
    return {"code": message.code, "params": {k: _param(v) for k, v in message.params.items()}}


def _param(value: Any) -> Any:
    if isinstance(value, Message):
        return _message_data(value)
    if isinstance(value, tuple | list):
        return [_param(v) for v in value]
    return to_plain(value)


def to_plain(value: Any, locale: Locale = "en") -> Any:
    """Dataclasses, dates and enums as JSON-ready values.

    A field holding a message gives its English text, and beside it `<field>_message` with
    the code and parameters; the score's sentences are written in `locale` (see `_SPOKEN`).
    """
    if isinstance(value, Message):
        return _ENGLISH.say(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            data[f.name] = to_plain(item, locale)
            if isinstance(item, Message):
                data[f"{f.name}_message"] = _message_data(item)
        for name in _SPOKEN.get(type(value), ()):
            spoken = getattr(value, name)
            data[name] = Translator(locale).say(spoken)
            data[f"{name}_en"], data[f"{name}_fr"] = _ENGLISH.say(spoken), _FRENCH.say(spoken)
        return data
    if isinstance(value, tuple | list):
        return [to_plain(v, locale) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def audit_to_dict(audit: CreatorAudit) -> dict[str, Any]:
    """A creator audit as JSON-ready data, the main account's score on top."""
    data: dict[str, Any] = to_plain(audit, audit.locale)
    data["score"] = audit.score
    return data


def history_to_dict(found: History) -> dict[str, Any]:
    data: dict[str, Any] = to_plain(found, found.locale)
    data["weekly"] = to_plain(found.weekly())
    return data
