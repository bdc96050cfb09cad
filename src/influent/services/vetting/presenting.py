"""Vetting results as people and programs read them: signal values and JSON-ready data."""

from __future__ import annotations

import dataclasses
import enum
import math
from datetime import date, datetime
from typing import Any

from babel.numbers import format_decimal

from influent.domain.quality import Locale, MissingSignal, QualityScore, Signal, format_percent
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


def to_plain(value: Any, locale: Locale = "en") -> Any:
    """Dataclasses, dates and enums as JSON-ready values; sentences in `locale`."""
    if isinstance(value, Signal):
        data = {f.name: to_plain(getattr(value, f.name), locale) for f in dataclasses.fields(value)}
        data["sentence"] = value.sentence_fr if locale == "fr" else value.sentence_en
        return data
    if isinstance(value, MissingSignal):
        data = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        data["reason"] = value.reason_fr if locale == "fr" else value.reason_en
        return data
    if isinstance(value, QualityScore):
        data = {f.name: to_plain(getattr(value, f.name), locale) for f in dataclasses.fields(value)}
        data["note"] = value.note_fr if locale == "fr" else value.note_en
        return data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name), locale) for f in dataclasses.fields(value)}
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
