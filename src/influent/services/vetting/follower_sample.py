"""Follower samples: auditing a CSV or spreadsheet of sampled followers, one row per follower."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from influent.analytics.follower_audit import AuditResult, ErrorRates, audit_followers
from influent.analytics.follower_features import COLUMN_GROUPS
from influent.domain.messages import Message, MessageError
from influent.domain.tabular.creators import CREATORS
from influent.domain.tabular.creators import Field as CreatorField
from influent.domain.tabular.followers import (
    FOLLOWER_SAMPLES,
    MIN_PROFILE_COLUMNS,
    PROFILE_COLUMNS,
    looks_like_creators,
)
from influent.domain.values import ValueProblem, parse_count
from influent.services.i18n import Translator
from influent.services.imports.pipeline import UnreadableFile, read_table
from influent.sources.spreadsheet.reader import OverLimit

__all__ = [
    "SampleError",
    "SampleRefused",
    "audit_follower_sample",
    "audit_follower_upload",
    "rates_sentences",
]


class SampleError(MessageError):
    """A follower sample that cannot be audited: `audience.error.*` messages."""


class SampleRefused(SampleError):
    """A sample refused before it is read (over a size cap): the message names the cap."""


def audit_follower_sample(path: Path) -> AuditResult:
    """Audit a CSV (or spreadsheet) of sampled followers, one row per follower.

    Raises SampleError when the file cannot be read or audited.
    """
    try:
        table = read_table(path, FOLLOWER_SAMPLES)
    except OverLimit as error:
        assert error.message is not None
        raise SampleRefused(error.message.code, **error.message.params) from None
    except UnreadableFile as error:
        raise SampleError(
            "audience.error.unreadable", file=path.name, reason=error.message
        ) from None
    sheet, fields = table.sheet, sorted(table.mapping.fields.items())
    rows = [{k: cells[i] if i < len(cells) else None for i, k in fields} for _, cells in sheet.rows]
    _refuse_what_is_not_a_sample(path.name, sheet.headers, [k for _, k in fields], rows)
    try:
        result = audit_followers(rows)
    except MessageError as error:
        raise SampleError("audience.error.file", file=path.name, reason=error.message) from None
    # Each verdict names its follower when the file gives usernames (rows count from 1).
    names = [_username(row.get("username")) for row in rows]
    verdicts = tuple(dataclasses.replace(a, username=names[a.row - 1]) for a in result.accounts)
    result = dataclasses.replace(result, accounts=verdicts)
    # Problems name the column as the file spells it, not as the audit reads it.
    original = {k: sheet.headers[i] for i, k in fields}
    problems = tuple(
        dataclasses.replace(p, column=original.get(p.column, p.column)) for p in result.problems
    )
    return dataclasses.replace(result, problems=problems)


def _username(value: object) -> str | None:
    text = "" if value is None else str(value).strip().lstrip("@")
    return text[:100] or None


def _refuse_what_is_not_a_sample(
    name: str, headers: list[str], fields: list[str], rows: list[dict[str, object]]
) -> None:
    """Refuse a file that is not a follower sample, before anything is scored.

    It needs two columns that describe a follower's profile (a username alone says
    nothing), and must not look like a list of creators: a platform column, or follower
    counts in the thousands for most rows.
    """
    creator_fields = set(CREATORS.map_columns(headers).fields.values())
    followers = [_count_or_none(row.get("followers")) for row in rows]
    if looks_like_creators(
        has_platform=CreatorField.PLATFORM in creator_fields, followers=followers
    ):
        raise SampleError("audience.error.creators_list", file=name)
    # Without any column the audit reads, the audit itself says so.
    profile = [f for f in fields if f in PROFILE_COLUMNS]
    if rows and 0 < len(profile) < MIN_PROFILE_COLUMNS:
        raise SampleError("audience.error.too_few_columns", file=name, count=len(profile))


def _count_or_none(value: object) -> int | None:
    try:
        return parse_count(value)
    except ValueProblem:
        return None


def audit_follower_upload(data: bytes, filename: str) -> AuditResult:
    """The same audit for an uploaded file's bytes."""
    suffix = Path(filename).suffix.lower() if filename else ".csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sample{suffix or '.csv'}"
        path.write_bytes(data)
        try:
            return audit_follower_sample(path)
        except SampleRefused as error:
            params = {**error.message.params, "name": filename or path.name}
            raise SampleRefused(error.message.code, **params) from None
        except SampleError as error:
            params = {
                key: _renamed(value, path.name, filename or path.name)
                for key, value in error.params.items()
            }
            raise SampleError(error.code, **params) from None


def _renamed(value: Any, old: str, new: str) -> Any:
    """A message parameter with the temporary file's name replaced by the uploaded one's."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, Message):
        return Message(value.code, {k: _renamed(v, old, new) for k, v in value.params.items()})
    return value


def _rates_sentence(rates: ErrorRates, tr: Translator) -> str:
    values = {
        "tpr": tr.pct(rates.tpr, 0),
        "fpr": tr.pct(rates.fpr, 0),
        "rows": tr.num(rates.rows),
        "fakes": tr.num(rates.fakes),
    }
    if not rates.groups:
        return tr.t("audience.rates_pooled", **values)
    names = [tr.t(f"audience.group.{g}") for g in COLUMN_GROUPS if g in rates.groups]
    columns = (
        names[0]
        if len(names) == 1
        else tr.t("audience.and", first=", ".join(names[:-1]), last=names[-1])
    )
    return tr.t("audience.rates", columns=columns, **values)


# Below this Youden index (tpr - fpr) the columns read barely tell fakes from real
# accounts: the flagged share says little about the true one, and the interval (which
# divides by tpr - fpr) is wide. The estimate is said to be weak.
WEAK_SEPARATION = 0.5


def rates_sentences(result: AuditResult, tr: Translator) -> list[str]:
    """Which error rates the interval used, measured on what: one sentence per column
    profile among the rows, with its share of the rows when there are several, and a
    warning when those columns separate fakes from real accounts poorly."""
    if len(result.rates) == 1:
        lines = [_rates_sentence(result.rates[0][1], tr)]
    else:
        lines = [
            tr.t("audience.rates_share", share=tr.pct(w, 0), sentence=_rates_sentence(r, tr))
            for w, r in result.rates
        ]
    if result.tpr - result.fpr < WEAK_SEPARATION:
        lines.append(tr.t("audience.weak", tpr=tr.pct(result.tpr, 0), fpr=tr.pct(result.fpr, 0)))
    return lines
