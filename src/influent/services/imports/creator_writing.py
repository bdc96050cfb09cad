"""Writing a checked import: new creators and accounts, changed values, tags."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.analytics.import_frame import ParsedRows
from influent.domain.accounts import is_pending, parse_account, pending_account
from influent.domain.platforms import Platform
from influent.domain.rows import ACCOUNT_COLUMNS, CREATOR_COLUMNS, CreatorRow, search_text
from influent.domain.values import ValueProblem, normalise_key
from influent.services.progress import Progress
from influent.store import creator_writes as writes
from influent.store.bulk_load import bulk_load, worth_bulk_loading
from influent.store.models import Account, Creator, CreatorTag, Tag

__all__ = ["Counts", "apply_rows"]


@dataclass(frozen=True, slots=True)
class Counts:
    created: int
    updated: int
    unchanged: int


def apply_rows(
    session: Session,
    workspace_id: int,
    rows: ParsedRows,
    *,
    dry_run: bool,
    progress: Progress,
) -> Counts:
    """Create and update what the checked rows say; with `dry_run`, only count."""
    now = datetime.now(UTC)
    index = writes.existing_accounts(session, workspace_id)
    c = rows.columns
    keys = list(zip(c["platform"], c["key"], strict=True))
    index_key = _merge_keys(session, workspace_id, c, keys, index)
    matched_at = [i for i, key in enumerate(index_key) if key in index]
    fresh_at = [i for i, key in enumerate(index_key) if key not in index]
    matched = [rows.creator_row(i) for i in matched_at]
    creator_updates, account_updates, touched, tag_pairs = _diff(
        session, workspace_id, matched, [index[index_key[i]] for i in matched_at], now
    )
    counts = Counts(
        created=len(fresh_at), updated=len(touched), unchanged=len(matched) - len(touched)
    )
    if dry_run:
        return counts
    progress.stage("progress.writing_creators", len(fresh_at) * 2 + len(matched))
    wanted = {c["influent_id"][i] for i in fresh_at} - {None}
    known_names: dict[int, str] = {}
    if wanted:
        known_names = {
            creator_id: name_key
            for creator_id, name_key in session.execute(
                select(Creator.id, Creator.name_key).where(
                    Creator.workspace_id == workspace_id, Creator.id.in_(wanted)
                )
            )
        }
    # Rows of one exported creator share an influent_id: the first creates, the rest attach.
    # An id only attaches to a stored creator of the same name (or a row that names no one,
    # whose name defaulted to its handle), so a file exported from another installation
    # cannot graft accounts onto an unrelated creator.
    new_people: list[int] = []
    attach: list[tuple[int, int]] = []
    siblings: list[tuple[int, int]] = []
    first_of: dict[int, int] = {}
    for i in fresh_at:
        influent_id = c["influent_id"][i]
        if influent_id in known_names and (
            known_names[influent_id] == c["name_key"][i] or c["name"][i] == c["handle"][i]
        ):
            attach.append((i, influent_id))
        elif influent_id is not None and influent_id in first_of:
            siblings.append((i, first_of[influent_id]))
        else:
            if influent_id is not None:
                first_of[influent_id] = len(new_people)
            new_people.append(i)
    # Every row new and its own creator (a first import): no need to pick rows out.
    every_row = len(new_people) == len(keys)
    big = worth_bulk_loading(session, len(fresh_at))
    # A big first import stages its rows before the transaction opens (store.bulk_staging).
    staged = (
        big
        and every_row
        and writes.stage_new_creators(
            session,
            _creator_columns(c, None, workspace_id, now),
            _account_columns(c, None, None, workspace_id, now),
            len(keys),
        )
    )
    people = [*new_people, *(i for i, _ in attach), *(i for i, _ in siblings)]
    with bulk_load(session) if big else nullcontext():
        if staged:
            creator_ids = writes.copy_staged_creators(session, len(keys), progress.advance)
        else:
            creator_ids = writes.insert_creators(
                session,
                _creator_columns(c, None if every_row else new_people, workspace_id, now),
                progress.advance,
            )
            owners = [
                *creator_ids,
                *(cid for _, cid in attach),
                *(creator_ids[j] for _, j in siblings),
            ]
            writes.insert_accounts(
                session,
                _account_columns(c, None if every_row else people, owners, workspace_id, now),
                progress.advance,
            )
    owners = [*creator_ids, *(cid for _, cid in attach), *(creator_ids[j] for _, j in siblings)]
    writes.update_rows(session, Creator, creator_updates)
    writes.update_rows(session, Account, account_updates)
    progress.advance(len(matched))
    tag_pairs += [(cid, t) for i, cid in zip(people, owners, strict=True) for t in c["tags"][i]]
    writes.attach_tags(session, workspace_id, tag_pairs)
    refresh = {index[index_key[i]].creator_id for i in matched_at}
    refresh.update(cid for _, cid in attach)
    refresh.update(creator_ids[j] for _, j in siblings)
    writes.refresh_primary_accounts(session, refresh, now)
    # Stated followers become snapshots, so a later import starts a follower history.
    restated = [index[index_key[i]].account_id for i in matched_at if c["followers"][i] is not None]
    writes.record_stated_snapshots(session, workspace_id, now, restated)
    return counts


def _merge_keys(
    session: Session,
    workspace_id: int,
    c: dict[str, list[Any]],
    keys: list[tuple[str, str]],
    index: dict[tuple[str, str], writes.ExistingAccount],
) -> list[tuple[str, str]]:
    """The stored account each row merges with, by its key in `index`.

    A row merges with the account of its handle. A row without a handle (to confirm) also
    merges with the one account its creator's normalised name has on that platform, and a
    row with a handle completes the account to confirm of the same name and platform.
    """
    merged = list(keys)
    unknown = [i for i, key in enumerate(keys) if key not in index]
    for i in unknown:
        platform, key = keys[i]
        if not is_pending(key):
            waiting = (platform, pending_account(Platform(platform), c["name_key"][i]).key)
            if waiting in index:
                merged[i] = waiting
    names = {c["name_key"][i] for i in unknown if is_pending(keys[i][1])}
    if names:
        by_name = writes.accounts_by_creator_name(session, workspace_id, names)
        for i in unknown:
            platform, key = keys[i]
            found = by_name.get((platform, c["name_key"][i]), [])
            if is_pending(key) and len(found) == 1:
                merged[i] = (platform, found[0])
    return merged


def _pick(values: list[Any], at: list[int] | None) -> list[Any]:
    """The values at positions `at`; None means every row, in order."""
    return values if at is None else [values[i] for i in at]


def _creator_columns(
    c: dict[str, list[Any]], at: list[int] | None, workspace_id: int, now: datetime
) -> dict[str, Any]:
    return {
        "workspace_id": workspace_id,
        "name": _pick(c["name"], at),
        "name_key": _pick(c["name_key"], at),
        **{column: _pick(c[column], at) for column in CREATOR_COLUMNS.values()},
        "custom_fields": _pick(c["custom"], at) if any(c["custom"]) else {},
        "platform": _pick(c["platform"], at),
        "handle": _pick(c["handle"], at),
        "followers": _pick(c["followers"], at),
        "engagement_rate": _pick(c["engagement_rate"], at),
        "search_text": _pick(c["search_text"], at),
        "created_at": now,
        "updated_at": now,
    }


def _account_columns(
    c: dict[str, list[Any]],
    at: list[int] | None,
    owners: list[int] | None,
    workspace_id: int,
    now: datetime,
) -> dict[str, Any]:
    """Account columns; `owners` None leaves creator_id out (staged rows compute it)."""
    stats = [False] * (len(c["row"]) if at is None else len(at))
    for column in ACCOUNT_COLUMNS.values():
        values = _pick(c[column], at)
        stats = [s or v is not None for s, v in zip(stats, values, strict=True)]
    return {
        "workspace_id": workspace_id,
        **({"creator_id": owners} if owners is not None else {}),
        "platform": _pick(c["platform"], at),
        "handle": _pick(c["handle"], at),
        "handle_key": _pick(c["key"], at),
        "url": _pick(c["url"], at),
        "external_id": _pick(c["external_id"], at),
        **{column: _pick(c[column], at) for column in ACCOUNT_COLUMNS.values()},
        "stats_source": "import" if all(stats) else ["import" if s else None for s in stats],
        "stats_updated_at": now if all(stats) else [now if s else None for s in stats],
        "created_at": now,
    }


def _diff(
    session: Session,
    workspace_id: int,
    rows: list[CreatorRow],
    stored: list[writes.ExistingAccount],
    now: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[int], list[tuple[int, str]]]:
    """What each matched row changes, compared with what is stored."""
    creator_updates: list[dict[str, Any]] = []
    account_updates: list[dict[str, Any]] = []
    touched: set[int] = set()
    tag_pairs: list[tuple[int, str]] = []
    if not rows:
        return creator_updates, account_updates, touched, tag_pairs
    refs = {r.row: ref for r, ref in zip(rows, stored, strict=True)}
    creators = _load(session, Creator, {e.creator_id for e in refs.values()})
    accounts = _load(session, Account, {e.account_id for e in refs.values()})
    tags = _tags_of(session, workspace_id, {e.creator_id for e in refs.values()})
    for row in rows:
        ref = refs[row.row]
        creator, account = creators[ref.creator_id], accounts[ref.account_id]
        c_change = {
            col: row.values[f]
            for f, col in CREATOR_COLUMNS.items()
            if f in row.values and getattr(creator, col) != row.values[f]
        }
        # A row known only by its name keeps the stored spelling of that name.
        same_name = is_pending(row.account.key) and normalise_key(row.name) == creator.name_key
        if row.name != row.account.handle and row.name != creator.name and not same_name:
            c_change.update(name=row.name, name_key=normalise_key(row.name))
        merged = {**creator.custom_fields, **row.custom}
        if merged != creator.custom_fields:
            c_change["custom_fields"] = merged
        a_change: dict[str, Any] = {
            col: row.values[f]
            for f, col in ACCOUNT_COLUMNS.items()
            if f in row.values and getattr(account, col) != row.values[f]
        }
        if row.account.url and not _same_url(account.url, row.account.url, row.platform):
            a_change["url"] = row.account.url
        new_id = row.account.external_id
        if new_id and account.external_id != new_id:
            a_change["external_id"] = new_id
        completed = is_pending(account.handle_key) and not is_pending(row.account.key)
        if completed:
            # A later file names the handle of an account that was to confirm.
            a_change.update(handle=row.account.handle, handle_key=row.account.key)
            c_change.setdefault("name", creator.name)
        new_tags = [t for t in row.tags if t not in tags.get(creator.id, set())]
        if c_change:
            name = c_change.get("name", creator.name)
            c_change["search_text"] = search_text(
                cast(str, name),
                *(a.handle for a in creator.accounts),
                row.account.handle,
                cast(str | None, c_change.get("email", creator.email)),
                cast(str | None, c_change.get("category", creator.category)),
            )
            creator_updates.append({"id": creator.id, **c_change, "updated_at": now})
        if a_change:
            if any(c in a_change for c in ACCOUNT_COLUMNS.values()):
                a_change.update(stats_source="import", stats_updated_at=now)
            account_updates.append({"id": account.id, **a_change})
        if c_change or a_change or new_tags:
            touched.add(row.row)
        tag_pairs += [(creator.id, t) for t in new_tags]
    return creator_updates, account_updates, touched, tag_pairs


def _same_url(stored: str | None, new: str, platform: Platform) -> bool:
    """Two spellings of one profile address ('…/name/' and '…/name') are no change."""
    if stored is None or stored == new:
        return stored == new
    try:
        ref = parse_account(stored, platform)
    except ValueProblem:
        return False
    return ref is not None and ref.url == new


def _load(session: Session, model: type[Any], ids: set[int]) -> dict[int, Any]:
    found: dict[int, Any] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), writes.BATCH):
        chunk = ordered[start : start + writes.BATCH]
        found.update((o.id, o) for o in session.scalars(select(model).where(model.id.in_(chunk))))
    return found


def _tags_of(session: Session, workspace_id: int, creator_ids: set[int]) -> dict[int, set[str]]:
    result: dict[int, set[str]] = {}
    ordered = sorted(creator_ids)
    for start in range(0, len(ordered), writes.BATCH):
        chunk = ordered[start : start + writes.BATCH]
        stmt = (
            select(CreatorTag.creator_id, Tag.name)
            .join(Tag, Tag.id == CreatorTag.tag_id)
            .where(Tag.workspace_id == workspace_id, CreatorTag.creator_id.in_(chunk))
        )
        for cid, name in session.execute(stmt):
            result.setdefault(cid, set()).add(name)
    return result
