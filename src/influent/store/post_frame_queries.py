"""Reading the posts of many accounts as columns, for the workspace-wide quality scoring.

The per-creator audit reads a dozen posts per account as `PostData`. Scoring a whole
workspace reads the same posts as arrays (account, publication time in microseconds since
1970 UTC, likes, comments, views, NaN when unknown), grouped by account and newest first,
through the ADBC reader on SQLite (see `quality_frame_queries.column_reader`) or the
session elsewhere; and the comments sampled from each account's last posts, as the audit
samples them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.store.models import Post
from influent.store.quality_frame_queries import arrow_frame, id_list, stored_time
from influent.store.source_models import Comment

__all__ = ["PostColumns", "post_columns"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class PostColumns:
    """Posts published up to a moment, grouped by account, newest first (ties: the later
    post id first, as the audit orders them), and each account's sampled comments."""

    account_id: npt.NDArray[np.int64]
    published: npt.NDArray[np.int64]
    likes: npt.NDArray[np.float64]
    comments: npt.NDArray[np.float64]
    views: npt.NDArray[np.float64]
    comment_texts: dict[int, tuple[str, ...]]


def _us(moment: datetime) -> int:
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return (utc - _EPOCH) // _US


def _counts(values: list[int | None]) -> npt.NDArray[np.float64]:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


_Columns = tuple[
    npt.NDArray[np.int64],
    list[int],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
]


def _session_columns(session: Session, account_ids: Sequence[int], until: datetime) -> _Columns:
    rows = (
        session.connection()
        .execute(
            select(
                Post.account_id,
                Post.id,
                Post.published_at,
                Post.likes,
                Post.comments,
                Post.views,
            )
            .where(Post.account_id.in_(list(account_ids)), Post.published_at <= until)
            .order_by(Post.account_id, Post.published_at.desc(), Post.id.desc())
        )
        .all()
    )
    account, post_id, published, likes, comments, views = (
        tuple(list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 6
    )
    return (
        np.array(account, dtype=np.int64),
        post_id,
        np.array([_us(t) for t in published], dtype=np.int64),
        _counts(likes),
        _counts(comments),
        _counts(views),
    )


def _arrow_columns(
    session: Session, reader: Any, account_ids: Sequence[int], until: datetime
) -> _Columns:
    import polars as pl

    frame = arrow_frame(
        reader,
        "SELECT account_id, id, published_at, likes, comments, views FROM posts "
        f"WHERE account_id IN ({id_list(account_ids)}) AND published_at <= ? "
        "ORDER BY account_id, published_at DESC, id DESC",
        (stored_time(session, until),),
    )
    # SQLite keeps times as UTC text, 'YYYY-MM-DD HH:MM:SS.ffffff'; any other spelling is
    # parsed one by one, as the session would.
    text = frame["published_at"].cast(pl.String)
    parsed = text.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", strict=False)
    if parsed.null_count():
        published = np.array(
            [_us(datetime.fromisoformat(t)) for t in text.to_list()], dtype=np.int64
        )
    else:
        published = parsed.cast(pl.Int64).to_numpy()

    def counts(name: str) -> npt.NDArray[np.float64]:
        # Float64 columns come back with NaN where the counter is unknown.
        return np.asarray(frame[name].cast(pl.Float64).to_numpy(), dtype=np.float64)

    return (
        frame["account_id"].cast(pl.Int64).to_numpy(),
        frame["id"].to_list(),
        published,
        counts("likes"),
        counts("comments"),
        counts("views"),
    )


def post_columns(
    session: Session,
    account_ids: Sequence[int],
    *,
    until: datetime,
    last_posts: int = 12,
    reader: Any | None = None,
) -> PostColumns:
    """The posts of these accounts published up to `until`, and the comments sampled from
    each account's `last_posts` latest posts (an account without any has no entry)."""
    ids, post_id, published, likes, comments, views = (
        _session_columns(session, account_ids, until)
        if reader is None
        else _arrow_columns(session, reader, account_ids, until)
    )
    account = ids.tolist()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else ids
    counts = np.diff(np.r_[starts, len(ids)])
    rank = np.arange(len(ids)) - np.repeat(starts, counts)
    latest = np.flatnonzero(rank < last_posts).tolist()
    owner = {post_id[k]: account[k] for k in latest}
    # The comments of the accounts' posts, by a join on the posts (an index probe per post)
    # rather than a list of tens of thousands of post ids; only the last posts' comments are
    # the sample, in the order they were stored.
    sampled: dict[int, list[tuple[int, str]]] = {}
    for comment_id, commented, text in session.connection().execute(
        select(Comment.id, Comment.post_id, Comment.text)
        .join(Post, Post.id == Comment.post_id)
        .where(Post.account_id.in_(list(account_ids)), Post.published_at <= until)
    ):
        owned = owner.get(commented)
        if owned is not None:
            sampled.setdefault(owned, []).append((comment_id, text))
    return PostColumns(
        account_id=ids,
        published=published,
        likes=likes,
        comments=comments,
        views=views,
        comment_texts={a: tuple(t for _, t in sorted(found)) for a, found in sampled.items()},
    )
