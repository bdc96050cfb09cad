"""Typed response models of the vetting API, as the rest of /api/v1 has.

Every message is written in the requested language, with its code and parameters beside it
(`<field>_message`) for programs. The deepest evidence objects (an engagement rate's posts and
method, a trend's windows, a change point's cut-off) stay open objects: their fields are the
domain's dataclasses, documented in docs/vetting.md, and new evidence can be added without
breaking clients. Unknown fields are kept (extra="allow").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["CreatorAuditOut", "HistoryOut"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class MessageOut(BaseModel):
    code: str
    params: dict[str, Any]


class AccountInfoOut(_Open):
    id: int
    creator_id: int
    creator_name: str
    platform: str
    handle: str
    url: str | None
    followers: int | None
    following: int | None
    stats_updated_at: datetime | None


class SignalOut(_Open):
    name: str
    value: float
    weight: int
    points: float
    sentence: str
    sentence_message: MessageOut
    benchmark: str | None = None


class MissingSignalOut(_Open):
    name: str
    weight: int
    reason: str
    reason_message: MessageOut


class QualityOut(_Open):
    score: int | None
    signals: list[SignalOut]
    missing: list[MissingSignalOut]
    weight_used: int
    note: str | None
    note_message: MessageOut | None = None


class GrowthOut(_Open):
    days: int
    change: int | None
    change_pct: float | None
    start_at: datetime | None
    start_followers: int | None
    end_at: datetime | None
    end_followers: int | None
    reason: str | None = None


class AccountAuditOut(_Open):
    account: AccountInfoOut
    followers: int | None
    followers_from: str
    posts_read: int
    snapshots_read: int
    engagement: dict[str, Any]
    tier: dict[str, Any] | None
    averages: dict[str, Any]
    trend: dict[str, Any]
    comments_to_likes: dict[str, Any]
    cadence: dict[str, Any]
    growth: list[GrowthOut]
    sponsored: dict[str, Any]
    disclosure: dict[str, Any]
    change_points: dict[str, Any]
    events: list[dict[str, Any]]
    quality: QualityOut


class CreatorAuditOut(_Open):
    creator_id: int
    name: str
    locale: str
    now: datetime
    score: int | None
    fake_share: float | None
    reason: str | None
    main: AccountAuditOut | None
    accounts: list[AccountAuditOut]


class DailyPointOut(BaseModel):
    day: date
    followers: int
    gain: int | None
    measured: bool


class WeekOut(BaseModel):
    week_start: date
    followers: int
    gain: int


class HistoryOut(_Open):
    account: AccountInfoOut
    locale: str
    points: list[DailyPointOut]
    weekly: list[WeekOut]
    change_points: dict[str, Any]
    events: list[dict[str, Any]]
