"""The customer survey: answers from the public page or a form export, names matched to
known creators, the rest kept as identified leads, ranked by how often customers name them."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from influent.domain.brand_words import fold
from influent.domain.messages import MessageError
from influent.services.brandfit._survey_match import Known, MatchIndex, mention_key, split_mentions
from influent.store import survey_queries as queries

__all__ = [
    "MAX_SURVEY_BYTES",
    "Lead",
    "SurveyError",
    "SurveyImport",
    "import_survey_csv",
    "submit_answer",
    "survey_leads",
    "survey_slug",
    "survey_workspace",
]

MAX_SURVEY_BYTES = 5 * 1024 * 1024
MAX_ANSWER = 2_000
# Two unmatched names this close are one lead ("Lena Situation", "Léna Situations").
_LEAD_CUTOFF = 90.0
_ANSWER_HEADER = re.compile(
    r"follow|suiv|creat|youtube|podcast|blog|influenc|instagram|chaine|channel", re.IGNORECASE
)
_META = re.compile(
    r"^(#|token|timestamp|horodat|start date|submit date|network id|tags|e-?mail|adresse)",
    re.IGNORECASE,
)


class SurveyError(MessageError):
    """A survey file that cannot be read, or a survey that does not exist."""


@dataclass(frozen=True, slots=True)
class SurveyImport:
    answers: int
    skipped_known: int
    matched: int
    leads: int


@dataclass(frozen=True, slots=True)
class Lead:
    """A name customers follow: a known creator, or an identified lead from the survey."""

    name: str
    mentions: int
    creator_id: int | None
    lead_id: int | None
    provenance: str = "survey"


def survey_workspace(session: Session, *, slug: str) -> tuple[int, str]:
    """(id, name) of the workspace whose public survey this is."""
    found = queries.workspace_by_slug(session, slug)
    if found is None:
        raise SurveyError("brandfit.survey.not_found")
    return found


def survey_slug(session: Session, *, workspace_id: int) -> str:
    """The slug in the public survey's address, /s/<slug>."""
    slug = queries.workspace_slug(session, workspace_id)
    if slug is None:
        raise SurveyError("brandfit.survey.not_found")
    return slug


def _index(session: Session, workspace_id: int) -> MatchIndex:
    names = queries.creator_names(session, workspace_id)
    return MatchIndex([Known(cid, tuple(n)) for cid, n in names.items()])


def _record(
    session: Session,
    workspace_id: int,
    index: MatchIndex,
    *,
    answer: str,
    channel: str,
    external_id: str | None,
    received_at: datetime,
) -> tuple[int, int]:
    """Store one answer and its names; (matched, new or counted leads)."""
    answer = answer.strip()[:MAX_ANSWER]
    response_id = queries.add_response(
        session,
        workspace_id,
        answer=answer,
        channel=channel,
        external_id=external_id,
        received_at=received_at,
    )
    matched = leads = 0
    lead_keys = queries.lead_keys(session, workspace_id)
    for mention in split_mentions(answer):
        found = index.match(mention)
        if found is not None:
            matched += 1
            queries.add_mention(
                session,
                workspace_id,
                response_id=response_id,
                text=mention,
                creator_id=found.creator_id,
                lead_id=None,
                score=found.score,
            )
            continue
        key = mention_key(mention)
        near = process.extractOne(
            key, [k for _, k in lead_keys], scorer=fuzz.WRatio, score_cutoff=_LEAD_CUTOFF
        )
        if near is not None and (" " in key or len(key) >= 0.8 * len(near[0])):
            lead_id = lead_keys[near[2]][0]
            queries.bump_lead(session, lead_id)
        else:
            lead_id = queries.upsert_lead(
                session, workspace_id, mention.strip().lstrip("@")[:300], key, received_at
            )
            lead_keys.append((lead_id, key))
        leads += 1
        queries.add_mention(
            session,
            workspace_id,
            response_id=response_id,
            text=mention,
            creator_id=None,
            lead_id=lead_id,
            score=None,
        )
    session.flush()
    return matched, leads


def submit_answer(
    session: Session, *, workspace_id: int, answer: str, now: datetime | None = None
) -> int:
    """An answer from the public page; returns how many names were read in it."""
    if not answer.strip():
        raise SurveyError("brandfit.survey.empty")
    matched, leads = _record(
        session,
        workspace_id,
        _index(session, workspace_id),
        answer=answer,
        channel="web",
        external_id=None,
        received_at=now or datetime.now(UTC),
    )
    return matched + leads


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SurveyError("brandfit.survey.unreadable")


def _answer_column(header: list[str]) -> int:
    for i, name in enumerate(header):
        if _ANSWER_HEADER.search(fold(name)) and not _META.match(name.strip()):
            return i
    for i, name in enumerate(header):
        if not _META.match(name.strip()):
            return i
    raise SurveyError("brandfit.survey.no_answer_column")


def import_survey_csv(session: Session, *, workspace_id: int, data: bytes) -> SurveyImport:
    """Answers from a Typeform or Google Forms CSV export.

    Typeform: `#` (the response id), one column per question, `Start Date (UTC)`,
    `Submit Date (UTC)`, `Network ID`. Google Forms: `Timestamp` (`Horodateur` in French),
    one column per question. The answer column is the one whose question mentions following
    creators, channels, podcasts or blogs, else the first question. An answer already
    imported (same response id, or same time and text) is skipped.
    """
    if len(data) > MAX_SURVEY_BYTES:
        raise SurveyError("brandfit.survey.too_large", limit=MAX_SURVEY_BYTES // (1024 * 1024))
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        rows = list(csv.reader(io.StringIO(text)))
    if not rows or len(rows[0]) < 1:
        raise SurveyError("brandfit.survey.no_answer_column")
    header = rows[0]
    column = _answer_column(header)
    lowered = [h.strip().lower() for h in header]
    id_column = next((i for i, h in enumerate(lowered) if h in ("#", "token", "response id")), None)
    time_column = next(
        (i for i, h in enumerate(lowered) if h.startswith(("timestamp", "horodat", "submit date"))),
        None,
    )
    channel = "typeform" if id_column is not None else "google_forms" if time_column else "csv"
    prepared: list[tuple[str, str]] = []
    for row in rows[1:]:
        if column >= len(row) or not row[column].strip():
            continue
        if id_column is not None and id_column < len(row) and row[id_column].strip():
            external = f"{channel}:{row[id_column].strip()}"
        else:
            stamp = row[time_column] if time_column is not None and time_column < len(row) else ""
            digest = hashlib.sha1(f"{stamp}\n{row[column]}".encode()).hexdigest()
            external = f"{channel}:{digest}"
        prepared.append((external[:200], row[column]))
    known = queries.known_external_ids(session, workspace_id, [e for e, _ in prepared])
    index = _index(session, workspace_id)
    now = datetime.now(UTC)
    answers = matched = leads = 0
    seen: set[str] = set()
    for external, answer in prepared:
        if external in known or external in seen:
            continue
        seen.add(external)
        got_matched, got_leads = _record(
            session,
            workspace_id,
            index,
            answer=answer,
            channel=channel,
            external_id=external,
            received_at=now,
        )
        answers += 1
        matched += got_matched
        leads += got_leads
    return SurveyImport(
        answers=answers, skipped_known=len(prepared) - answers, matched=matched, leads=leads
    )


def survey_leads(session: Session, *, workspace_id: int) -> list[Lead]:
    """Whom customers follow, most named first: known creators and identified leads."""
    found = [
        Lead(name=name, mentions=count, creator_id=cid, lead_id=None)
        for cid, name, count in queries.creator_mentions(session, workspace_id)
    ]
    found += [
        Lead(name=name, mentions=count, creator_id=None, lead_id=lid)
        for lid, name, count, _ in queries.lead_rows(session, workspace_id)
    ]
    return sorted(found, key=lambda lead: (-lead.mentions, fold(lead.name)))
