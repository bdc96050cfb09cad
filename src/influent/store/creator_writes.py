"""Writing many creators at once: the bulk paths behind imports and the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice, repeat
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, insert, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from influent.domain.content import STATED_SNAPSHOT
from influent.store import bulk_staging
from influent.store.models import Account, Creator, CreatorTag, Snapshot, Tag

__all__ = [
    "ExistingAccount",
    "attach_tags",
    "copy_staged_creators",
    "existing_accounts",
    "insert_accounts",
    "insert_creators",
    "record_stated_snapshots",
    "refresh_primary_accounts",
    "reserve_ids",
    "stage_new_creators",
    "update_rows",
]

BATCH = 5_000


@dataclass(slots=True)
class ExistingAccount:
    account_id: int
    creator_id: int


def existing_accounts(
    session: Session, workspace_id: int
) -> dict[tuple[str, str], ExistingAccount]:
    """Every account of the workspace by (platform, handle key): the import's merge index."""
    rows = session.execute(
        select(Account.platform, Account.handle_key, Account.id, Account.creator_id).where(
            Account.workspace_id == workspace_id
        )
    )
    return {(p, k): ExistingAccount(a, c) for p, k, a, c in rows}


def accounts_by_creator_name(
    session: Session, workspace_id: int, name_keys: set[str]
) -> dict[tuple[str, str], list[str]]:
    """Handle keys of the accounts whose creator has one of `name_keys`, by (platform, name)."""
    found: dict[tuple[str, str], list[str]] = {}
    ordered = sorted(name_keys)
    for start in range(0, len(ordered), BATCH):
        rows = session.execute(
            select(Account.platform, Creator.name_key, Account.handle_key)
            .join(Creator, Creator.id == Account.creator_id)
            .where(
                Account.workspace_id == workspace_id,
                Creator.name_key.in_(ordered[start : start + BATCH]),
            )
            .order_by(Account.id)
        )
        for platform, name_key, handle_key in rows:
            found.setdefault((platform, name_key), []).append(handle_key)
    return found


def reserve_ids(session: Session, table: str, count: int) -> list[int]:
    """Take `count` fresh ids for `table` before inserting, so children can point at them.

    SQLite: bumping sqlite_sequence takes the write lock and moves AUTOINCREMENT past the
    range in one statement. PostgreSQL: the table's sequence hands out the ids.
    """
    if count == 0:
        return []
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                "INSERT INTO sqlite_sequence(name, seq) SELECT :t, 0 WHERE NOT EXISTS "
                "(SELECT 1 FROM sqlite_sequence WHERE name = :t)"
            ),
            {"t": table},
        )
        # AUTOINCREMENT continues from max(seq, max(rowid)); take the larger as the base.
        base = session.execute(
            text(
                f"UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(id), 0) FROM {table})) + :n "
                "WHERE name = :t RETURNING seq - :n"
            ),
            {"t": table, "n": count},
        ).scalar_one()
        return list(range(base + 1, base + count + 1))
    return list(
        session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table, "n": count},
        )
    )


Columns = Mapping[str, Any]
"""Values by column name: a list per column, or one value that every row shares."""


def _as_columns(rows: Sequence[dict[str, Any]] | Columns) -> tuple[Columns, int]:
    if isinstance(rows, Mapping):
        lengths = {len(v) for v in rows.values() if isinstance(v, list)}
        if len(lengths) > 1:
            raise ValueError("columns of different lengths")
        return rows, lengths.pop() if lengths else 0
    if not rows:
        return {}, 0
    return {name: [r[name] for r in rows] for name in rows[0]}, len(rows)


def insert_creators(
    session: Session,
    rows: Sequence[dict[str, Any]] | Columns,
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Insert creators (dicts, or columns) and return their new ids, in the order given."""
    columns, count = _as_columns(rows)
    ids = reserve_ids(session, "creators", count)
    _insert_many(session, Creator, {**columns, "id": ids}, count, progress)
    return ids


def _prepare(
    session: Session, model: type[Any], columns: Columns, count: int
) -> tuple[list[str], list[Any]]:
    """Each column's values as the driver takes them: lists, or endless repeats of one value."""
    table = model.__table__
    dialect = session.get_bind().dialect
    names = list(columns)
    prepared: list[Any] = []
    for name in names:
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        values = columns[name]
        if not isinstance(values, list):
            prepared.append(repeat(process(values) if process else values, count))
        elif process is not None:
            prepared.append([process(v) for v in values])
        else:
            prepared.append(values)
    return names, prepared


def _insert_many(
    session: Session,
    model: type[Any],
    columns: Columns,
    count: int,
    progress: Callable[[int], None] | None,
) -> None:
    if count == 0:
        return
    # Straight to the driver's executemany with tuples: SQLAlchemy's per-row parameter
    # processing costs more than SQLite's insert itself at a million rows.
    table = model.__table__
    dialect = session.get_bind().dialect
    names, prepared = _prepare(session, model, columns, count)
    marker = "?" if dialect.name == "sqlite" else "%s"
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(marker for _ in names)})"
    )
    connection = session.connection()
    tuples = zip(*prepared, strict=False)  # constant columns are endless repeats
    done = 0
    while done < count:
        batch = list(islice(tuples, BATCH * 4))
        connection.exec_driver_sql(sql, batch)
        done += len(batch)
        if progress:
            progress(len(batch))


def stage_new_creators(session: Session, creators: Columns, accounts: Columns, count: int) -> bool:
    """Stage `count` new creators, each with one account, for `copy_staged_creators`.

    Call before the transaction opens; False when staging cannot be used here (then insert
    the usual way). `accounts` has no creator_id: account i belongs to creator i.
    """
    if not bulk_staging.available(session):
        return False
    staged: dict[str, tuple[dict[str, list[Any]], dict[str, Any]]] = {}
    for model, columns in ((Creator, creators), (Account, accounts)):
        names, prepared = _prepare(session, model, columns, count)
        lists = {n: v for n, v in zip(names, prepared, strict=True) if isinstance(v, list)}
        constants = {
            n: next(v) for n, v in zip(names, prepared, strict=True) if not isinstance(v, list)
        }
        staged[model.__tablename__] = (lists, constants)
    return bulk_staging.stage(session, staged)


def copy_staged_creators(
    session: Session, count: int, progress: Callable[[int], None] | None = None
) -> list[int]:
    """Insert what `stage_new_creators` staged; returns the new creators' ids in order."""
    ids = reserve_ids(session, "creators", count)
    base = {"id": f"{ids[0] - 1} + rowid"} if ids else {}
    bulk_staging.copy(session, "creators", base)
    if progress:
        progress(count)
    bulk_staging.copy(session, "accounts", {"creator_id": base["id"]} if ids else {})
    if progress:
        progress(count)
    return ids


def insert_accounts(
    session: Session,
    rows: Sequence[dict[str, Any]] | Columns,
    progress: Callable[[int], None] | None = None,
) -> None:
    columns, count = _as_columns(rows)
    _insert_many(session, Account, columns, count, progress)


def update_rows(
    session: Session, model: type[Creator] | type[Account], rows: Sequence[dict[str, Any]]
) -> None:
    """Apply partial updates; each row holds 'id' plus the columns that changed."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(sorted(k for k in row if k != "id")), []).append(row)
    for columns, group in by_columns.items():
        if not columns:
            continue
        stmt = (
            update(cast(Table, model.__table__))
            .where(model.__table__.c.id == bindparam("_id"))
            .values({c: bindparam(c) for c in columns})
        )
        params = [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in group]
        for start in range(0, len(params), BATCH):
            session.execute(stmt, params[start : start + BATCH])


def attach_tags(session: Session, workspace_id: int, pairs: Iterable[tuple[int, str]]) -> int:
    """Tag creators by name, creating the tags the workspace lacks; returns links added."""
    wanted = list(pairs)
    if not wanted:
        return 0
    by_name = select(Tag.name, Tag.id).where(Tag.workspace_id == workspace_id)
    known = {name: tag_id for name, tag_id in session.execute(by_name)}
    missing = sorted({name for _, name in wanted if name not in known})
    if missing:
        session.execute(insert(Tag), [{"workspace_id": workspace_id, "name": n} for n in missing])
        known = {name: tag_id for name, tag_id in session.execute(by_name)}
    creator_ids = sorted({c for c, _ in wanted})
    present: set[tuple[int, int]] = set()
    for start in range(0, len(creator_ids), BATCH):
        chunk = creator_ids[start : start + BATCH]
        present.update(
            (creator_id, tag_id)
            for creator_id, tag_id in session.execute(
                select(CreatorTag.creator_id, CreatorTag.tag_id).where(
                    CreatorTag.creator_id.in_(chunk)
                )
            )
        )
    links = {(c, known[n]) for c, n in wanted} - present
    if links:
        session.execute(
            insert(CreatorTag), [{"creator_id": c, "tag_id": t} for c, t in sorted(links)]
        )
    return len(links)


def refresh_primary_accounts(session: Session, creator_ids: Iterable[int], now: datetime) -> None:
    """Copy each creator's largest account onto the creator row, for the table's filters."""
    ids = sorted(set(creator_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        accounts = session.execute(
            select(
                Account.creator_id,
                Account.platform,
                Account.handle,
                Account.followers,
                Account.engagement_rate,
            )
            .where(Account.creator_id.in_(chunk))
            .order_by(Account.creator_id, Account.followers.desc().nulls_last(), Account.id)
        )
        best: dict[int, dict[str, Any]] = {}
        for creator_id, platform, handle, followers, rate in accounts:
            if creator_id not in best:
                best[creator_id] = {
                    "id": creator_id,
                    "platform": platform,
                    "handle": handle,
                    "followers": followers,
                    "engagement_rate": rate,
                    "updated_at": now,
                }
        update_rows(session, Creator, list(best.values()))


def record_stated_snapshots(
    session: Session, workspace_id: int, now: datetime, also: Sequence[int] = ()
) -> None:
    """A snapshot (source 'stated') of the followers each imported row stated, at `now`.

    The accounts are those whose numbers this import wrote (stats_updated_at = now), and
    `also` (matched accounts whose stated numbers did not change: they were stated again
    today, which a follower history should show). One INSERT … SELECT per batch; an account
    that already has a snapshot at `now` keeps it (ON CONFLICT DO NOTHING on the unique
    (account, time) pair). Not a NOT EXISTS test: right after a big import PostgreSQL has
    no statistics for the new rows and planned it as a scan of the whole snapshots index per
    account, quadratic in the rows (minutes for 80,000 rows).
    """
    columns = ("account_id", "taken_at", "followers", "following", "posts_count", "source")

    def rows(where: Any) -> Any:
        return select(
            Account.id,
            literal(now, Snapshot.taken_at.type),
            Account.followers,
            Account.following,
            Account.posts_count,
            literal(STATED_SNAPSHOT, Snapshot.source.type),
        ).where(Account.workspace_id == workspace_id, Account.followers.is_not(None), where)

    def insert_new(where: Any) -> None:
        session.execute(_insert_skipping_existing(session, columns, rows(where)))

    insert_new(and_(Account.stats_source == "import", Account.stats_updated_at == now))
    ids = sorted(set(also))
    for start in range(0, len(ids), BATCH):
        insert_new(Account.id.in_(ids[start : start + BATCH]))


def _insert_skipping_existing(session: Session, columns: Sequence[str], rows: Any) -> Any:
    """INSERT INTO snapshots … SELECT rows, leaving out an (account, taken_at) already there."""
    insert_into = (
        postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    return (
        insert_into(Snapshot)
        .from_select(columns, rows)
        .on_conflict_do_nothing(index_elements=["account_id", "taken_at"])
    )
