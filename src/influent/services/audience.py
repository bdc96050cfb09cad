"""Follower samples: auditing a CSV or spreadsheet of sampled followers, one row per follower."""

from __future__ import annotations

import dataclasses
import re
import tempfile
import unicodedata
from pathlib import Path

from influent.analytics.follower_audit import AuditResult, ErrorRates, audit_followers
from influent.analytics.follower_features import COLUMN_GROUPS
from influent.domain.messages import Message
from influent.services.i18n import Translator
from influent.sources.spreadsheet.reader import OverLimit, UnreadableFile, read_sheet

__all__ = [
    "SampleError",
    "SampleRefused",
    "audit_follower_sample",
    "audit_follower_upload",
    "rates_sentences",
]


class SampleError(ValueError):
    """A follower sample that cannot be audited, said in one sentence."""


class SampleRefused(SampleError):
    """A sample refused before it is read (over a size cap): `message` names the cap."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(Translator("en").say(message))


# French spellings of the columns the follower audit reads (accents already removed).
_FRENCH_HEADERS = {
    "abonnes": "followers",
    "nombre_d'abonnes": "followers",
    "abonnements": "following",
    "publications": "posts",
    "nom_d'utilisateur": "username",
    "pseudo": "username",
    "nom_complet": "full_name",
    "photo_de_profil": "has_profile_picture",
    "prive": "is_private",
    "compte_prive": "is_private",
    "lien": "external_url",
}


def _header_key(header: str) -> str:
    folded = unicodedata.normalize("NFKD", header)
    bare = "".join(c for c in folded if not unicodedata.combining(c)).strip().lower()
    key = re.sub(r"\s+", "_", bare).replace("’", "'")
    return _FRENCH_HEADERS.get(key, key)


def audit_follower_sample(path: Path) -> AuditResult:
    """Audit a CSV (or spreadsheet) of sampled followers, one row per follower.

    Raises SampleError with one sentence when the file cannot be read or audited.
    """
    try:
        sheet = read_sheet(path)
    except OverLimit as error:
        assert error.message is not None
        raise SampleRefused(error.message) from None
    except UnreadableFile as error:
        raise SampleError(str(error)) from None
    keys = [_header_key(h) for h in sheet.headers]
    rows = [
        {k: cells[i] if i < len(cells) else None for i, k in enumerate(keys) if k}
        for _, cells in sheet.rows
    ]
    try:
        result = audit_followers(rows)
    except ValueError as error:
        raise SampleError(f"{path.name}: {error}.") from None
    # Problems name the column as the file spells it, not as the audit reads it.
    original = dict(zip(keys, sheet.headers, strict=True))
    problems = tuple(
        dataclasses.replace(p, column=original.get(p.column, p.column)) for p in result.problems
    )
    return dataclasses.replace(result, problems=problems)


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
            raise SampleRefused(Message(error.message.code, params)) from None
        except SampleError as error:
            raise SampleError(str(error).replace(path.name, filename or "the file")) from None


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
# accounts, and the correction divides by almost nothing: the estimate is said to be weak.
WEAK_SEPARATION = 0.5


def rates_sentences(result: AuditResult, tr: Translator) -> list[str]:
    """Which error rates corrected the share, measured on what: one sentence per column
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
