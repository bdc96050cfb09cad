"""Reads and writes of brand fit: creators' texts, their stored vectors, candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from influent.store.brandfit_models import ContentVector
from influent.store.models import Account, Creator, Post

__all__ = [
    "Candidate",
    "StoredText",
    "TextToEmbed",
    "candidates",
    "creator_texts",
    "delete_vectors",
    "stored_digests",
    "stored_texts",
    "write_vectors",
]

# How many of each account's newest posts speak for the creator.
RECENT_POSTS = 30
_BIO_FIELDS = ("bio", "description", "about", "biographie", "présentation", "presentation")


@dataclass(frozen=True, slots=True)
class TextToEmbed:
    creator_id: int
    source_key: str
    post_id: int | None
    text: str
    url: str | None


@dataclass(frozen=True, slots=True)
class StoredText:
    creator_id: int
    source_key: str
    post_id: int | None
    text: str
    url: str | None
    vector: bytes


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str
    country: str | None
    language: str | None
    platform: str | None
    followers: int | None
    engagement_rate: float | None
    custom_fields: dict[str, Any]
    accounts: tuple[tuple[str, str, str | None], ...]


def _bio(creator: Creator) -> str:
    parts = [creator.category or ""]
    fields = {k.lower(): v for k, v in (creator.custom_fields or {}).items()}
    parts += [str(fields[k]) for k in _BIO_FIELDS if fields.get(k)]
    return " · ".join(p.strip() for p in parts if p and p.strip())


def creator_texts(
    session: Session, workspace_id: int, creator_ids: Sequence[int] | None = None
) -> list[TextToEmbed]:
    """Each creator's bio and its accounts' recent post texts, as they are now."""
    query = select(Creator).where(Creator.workspace_id == workspace_id)
    if creator_ids is not None:
        query = query.where(Creator.id.in_(creator_ids))
    out: list[TextToEmbed] = []
    ids: list[int] = []
    for creator in session.scalars(query.order_by(Creator.id)):
        ids.append(creator.id)
        bio = _bio(creator)
        if bio:
            out.append(TextToEmbed(creator.id, "bio", None, bio[:1000], None))
    if not ids:
        return out
    ranked = (
        select(
            Post.id,
            Account.creator_id,
            Post.title,
            Post.caption,
            Post.url,
            func.row_number()
            .over(partition_by=Post.account_id, order_by=(Post.published_at.desc(), Post.id.desc()))
            .label("n"),
        )
        .join(Account, Account.id == Post.account_id)
        .where(Account.workspace_id == workspace_id)
    )
    if creator_ids is not None:
        ranked = ranked.where(Account.creator_id.in_(creator_ids))
    sub = ranked.subquery()
    rows = session.execute(
        select(sub.c.id, sub.c.creator_id, sub.c.title, sub.c.caption, sub.c.url)
        .where(sub.c.n <= RECENT_POSTS)
        .order_by(sub.c.creator_id, sub.c.id)
    )
    for post_id, creator_id, title, caption, url in rows:
        text = " — ".join(p.strip() for p in (title or "", (caption or "")[:500]) if p.strip())
        if text:
            out.append(TextToEmbed(creator_id, f"post:{post_id}", post_id, text, url))
    return out


def stored_digests(
    session: Session, workspace_id: int, creator_ids: Sequence[int] | None = None
) -> dict[tuple[int, str], tuple[int, str]]:
    """(creator, source key) → (row id, digest) of what is stored."""
    query = select(
        ContentVector.id, ContentVector.creator_id, ContentVector.source_key, ContentVector.digest
    ).where(ContentVector.workspace_id == workspace_id)
    if creator_ids is not None:
        query = query.where(ContentVector.creator_id.in_(creator_ids))
    return {(c, k): (i, d) for i, c, k, d in session.execute(query)}


def write_vectors(
    session: Session,
    workspace_id: int,
    rows: Sequence[tuple[TextToEmbed, str, str, bytes]],
    existing: dict[tuple[int, str], tuple[int, str]],
    now: datetime,
) -> None:
    """Insert or replace vectors: (text, digest, model, vector bytes) per row."""
    for text, digest, model, vector in rows:
        found = existing.get((text.creator_id, text.source_key))
        if found is not None:
            row = session.get(ContentVector, found[0])
            assert row is not None
            row.text, row.url, row.digest, row.model, row.vector = (
                text.text,
                text.url,
                digest,
                model,
                vector,
            )
            row.updated_at = now
        else:
            session.add(
                ContentVector(
                    workspace_id=workspace_id,
                    creator_id=text.creator_id,
                    source_key=text.source_key,
                    post_id=text.post_id,
                    text=text.text,
                    url=text.url,
                    digest=digest,
                    model=model,
                    vector=vector,
                    updated_at=now,
                )
            )
    session.flush()


def delete_vectors(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(delete(ContentVector).where(ContentVector.id.in_(ids)))


def stored_texts(
    session: Session, workspace_id: int, creator_ids: Sequence[int] | None = None
) -> list[StoredText]:
    query = select(
        ContentVector.creator_id,
        ContentVector.source_key,
        ContentVector.post_id,
        ContentVector.text,
        ContentVector.url,
        ContentVector.vector,
    ).where(ContentVector.workspace_id == workspace_id)
    if creator_ids is not None:
        query = query.where(ContentVector.creator_id.in_(creator_ids))
    return [StoredText(*row) for row in session.execute(query.order_by(ContentVector.id))]


def candidates(
    session: Session,
    workspace_id: int,
    *,
    platforms: Sequence[str] = (),
    countries: Sequence[str] = (),
    languages: Sequence[str] = (),
    follower_ranges: Sequence[tuple[int, int | None]] = (),
    creator_ids: Sequence[int] | None = None,
) -> list[Candidate]:
    """Creators passing the numeric filters, each with its accounts."""
    # Given ids, look rows up by key: "+ 0" keeps SQLite, which has no statistics on a
    # workspace's size, from walking a million-row workspace index instead (measured: 1.4 s
    # against a few milliseconds per shortlist query).
    by_key = creator_ids is not None
    creator_ws = Creator.workspace_id + 0 if by_key else Creator.workspace_id
    account_ws = Account.workspace_id + 0 if by_key else Account.workspace_id
    query = select(Creator).where(creator_ws == workspace_id)
    if creator_ids is not None:
        query = query.where(Creator.id.in_(creator_ids))
    if countries:
        query = query.where(func.upper(Creator.country).in_([c.upper() for c in countries]))
    if languages:
        query = query.where(func.lower(Creator.language).in_([v.lower() for v in languages]))
    accounts = select(Account.creator_id).where(account_ws == workspace_id)
    if creator_ids is not None:
        # Without this, the accounts filter reads every account of a large workspace.
        accounts = accounts.where(Account.creator_id.in_(creator_ids))
    if platforms:
        accounts = accounts.where(Account.platform.in_(platforms))
    if follower_ranges:
        from sqlalchemy import and_, or_

        accounts = accounts.where(
            or_(
                *(
                    and_(Account.followers >= low, *([Account.followers < high] if high else []))
                    for low, high in follower_ranges
                )
            )
        )
    if platforms or follower_ranges:
        query = query.where(Creator.id.in_(accounts))
    out: list[Candidate] = []
    creators = list(session.scalars(query.order_by(Creator.id)))
    by_creator: dict[int, list[tuple[str, str, str | None]]] = {}
    if creators:
        ids = [c.id for c in creators]
        for cid, platform, handle, url in session.execute(
            select(Account.creator_id, Account.platform, Account.handle, Account.url)
            .where(Account.creator_id.in_(ids))
            .order_by(Account.followers.desc().nulls_last(), Account.id)
        ):
            by_creator.setdefault(cid, []).append((platform, handle, url))
    for c in creators:
        out.append(
            Candidate(
                id=c.id,
                name=c.name,
                country=c.country,
                language=c.language,
                platform=c.platform,
                followers=c.followers,
                engagement_rate=c.engagement_rate,
                custom_fields=dict(c.custom_fields or {}),
                accounts=tuple(by_creator.get(c.id, ())),
            )
        )
    return out
