"""Exporting creators as a spreadsheet that imports back without loss."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from xlsxwriter.exceptions import FileCreateError

from influent.domain.accounts import is_pending
from influent.domain.tabular.creators import Field
from influent.domain.values import percent_text
from influent.services.progress import NO_PROGRESS, Progress
from influent.sources.spreadsheet.writer import Cell, write_table
from influent.store.models import Account, Creator, CreatorTag, Tag

__all__ = ["EXPORT_COLUMNS", "TO_CONFIRM", "export_creators"]

# The handle_status of an account known only by its creator's name (its handle is empty).
TO_CONFIRM = "to_confirm"

# Every column here is one the importer recognises, so export -> import round-trips.
EXPORT_COLUMNS: list[Field] = [
    Field.INFLUENT_ID,
    Field.NAME,
    Field.PLATFORM,
    Field.HANDLE,
    Field.HANDLE_STATUS,
    Field.URL,
    Field.EXTERNAL_ID,
    Field.FOLLOWERS,
    Field.FOLLOWING,
    Field.POSTS,
    Field.ENGAGEMENT,
    Field.EMAIL,
    Field.AGENT,
    Field.COUNTRY,
    Field.LANGUAGE,
    Field.CATEGORY,
    Field.TAGS,
    Field.NOTES,
]


def _percent(rate: float | None) -> str | None:
    # Every digit the float has, so the import reads back the very same number.
    return None if rate is None else percent_text(rate)


def export_creators(
    session: Session, *, workspace_id: int, path: Path, progress: Progress = NO_PROGRESS
) -> int:
    """Write one row per account to `path` (.csv or .xlsx); returns the rows written."""
    custom: dict[str, None] = {}
    for fields in session.scalars(
        select(Creator.custom_fields).where(Creator.workspace_id == workspace_id)
    ):
        custom.update(dict.fromkeys(fields or {}))
    custom_names = list(custom)
    total = session.query(Account).filter(Account.workspace_id == workspace_id).count()
    progress.stage("progress.exporting", total)
    headers = [f.value for f in EXPORT_COLUMNS] + custom_names
    try:
        return write_table(path, headers, _rows(session, workspace_id, custom_names, progress))
    except FileCreateError as error:
        # xlsxwriter wraps the OSError; callers handle an OSError like the CSV path's.
        cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else None
        raise cause or OSError(str(error)) from None


def _rows(
    session: Session, workspace_id: int, custom: list[str], progress: Progress
) -> Iterator[list[Cell]]:
    tags: dict[int, list[str]] = {}
    for cid, name in session.execute(
        select(CreatorTag.creator_id, Tag.name)
        .join(Tag, Tag.id == CreatorTag.tag_id)
        .where(Tag.workspace_id == workspace_id)
        .order_by(Tag.name)
    ):
        tags.setdefault(cid, []).append(name)
    stmt = (
        select(Creator, Account)
        .join(Account, Account.creator_id == Creator.id)
        .where(Creator.workspace_id == workspace_id)
        .order_by(Creator.id, Account.id)
        .execution_options(yield_per=2_000)
    )
    for count, (c, a) in enumerate(session.execute(stmt), start=1):
        yield [
            c.id,
            c.name,
            a.platform,
            a.handle,
            TO_CONFIRM if is_pending(a.handle_key) else None,
            a.url,
            a.external_id,
            a.followers,
            a.following,
            a.posts_count,
            _percent(a.engagement_rate),
            c.email,
            c.agent,
            c.country,
            c.language,
            c.category,
            ", ".join(tags.get(c.id, [])) or None,
            c.notes,
            *[(c.custom_fields or {}).get(name) for name in custom],
        ]
        if count % 1_000 == 0:
            progress.advance(1_000)
