"""Importing a creator spreadsheet: all or nothing, merged by account, every bad row reported."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.analytics.import_frame import ParsedRows, parse_frame, parse_rows
from influent.domain.columns import ColumnMapping, Field, map_columns
from influent.domain.platforms import Platform
from influent.domain.rows import (
    ACCOUNT_COLUMNS,
    CREATOR_COLUMNS,
    CreatorRow,
    RowParser,
    RowProblem,
    search_text,
)
from influent.domain.values import PROBLEMS, looks_like_fraction, normalise_key
from influent.services.progress import NO_PROGRESS, Progress
from influent.sources.spreadsheet.reader import Sheet, UnreadableFile, read_sheet
from influent.sources.spreadsheet.writer import Cell, write_table
from influent.store import creator_writes as writes
from influent.store.bulk_load import bulk_load, worth_bulk_loading
from influent.store.models import Account, Creator, CreatorTag, Tag

__all__ = ["ImportReport", "UnreadableFile", "import_creators", "plan_import"]


@dataclass(slots=True)
class ImportReport:
    """What an import did, or would do with --dry-run."""

    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    mapping: dict[str, str]
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    rejects_file: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problems"] = [asdict(p) for p in self.problems]
        return data


@dataclass(slots=True)
class _Plan:
    sheet: Sheet
    mapping: ColumnMapping
    valid: ParsedRows
    problems: list[RowProblem]


def plan_import(
    path: Path,
    *,
    overrides: dict[str, Field | None] | None = None,
    platform_hint: Platform | None = None,
    progress: Progress = NO_PROGRESS,
) -> _Plan:
    """Read and check a file without touching the database."""
    progress.stage("Reading file", None)
    sheet = read_sheet(path)
    mapping = map_columns(sheet.headers, overrides)
    fields = set(mapping.fields.values())
    if Field.HANDLE not in fields and Field.URL not in fields:
        found = ", ".join(f"“{h}”" for h in sheet.headers if h) or "none"
        raise UnreadableFile(
            f"{path.name} has no handle or profile URL column (columns found: {found}); "
            'name one with --map "Column=handle".'
        )
    engagement_col = mapping.column_of(Field.ENGAGEMENT)
    frame = sheet.frame
    if engagement_col is None:
        fraction = False
    elif frame is not None:
        fraction = looks_like_fraction(frame.get_column(f"c{engagement_col}").to_list())
    else:
        fraction = looks_like_fraction(
            [cells[engagement_col] for _, cells in sheet.rows if engagement_col < len(cells)]
        )
    parser = RowParser(
        sheet.headers, mapping, platform_hint=platform_hint, engagement_is_fraction=fraction
    )
    progress.stage("Checking rows", sheet.row_count)
    if frame is not None:
        parsed = parse_frame(frame, sheet.cells_of, parser, mapping)
    else:
        parsed = parse_rows(
            [n for n, _ in sheet.rows],
            [c for _, c in sheet.rows],
            parser,
            mapping,
            all_text=sheet.kind == "csv",
        )
    problems = parsed.problems
    # The same account twice in one file: the first row wins, the others are reported.
    # Rows the fast path could not vouch for come back last, so walk them in file order.
    seen: dict[tuple[str, str], int] = {}
    keep: list[int] = []
    cols = parsed.columns
    in_file_order = (
        [] if parsed.distinct_accounts else sorted(range(len(parsed)), key=cols["row"].__getitem__)
    )
    account_col = mapping.column_of(Field.HANDLE)
    if account_col is None:
        account_col = mapping.column_of(Field.URL)
    column = sheet.headers[account_col] if account_col is not None else Field.HANDLE.value
    for i in in_file_order:
        key = (cols["platform"][i], cols["key"][i])
        first = seen.get(key)
        if first is None:
            seen[key] = cols["row"][i]
            keep.append(i)
        else:
            problems.append(
                RowProblem(
                    cols["row"][i],
                    column,
                    cols["handle"][i],
                    PROBLEMS["duplicate"].format(row=first),
                    code="duplicate",
                    params={"row": str(first)},
                )
            )
    if not parsed.distinct_accounts and keep != list(range(len(parsed))):
        parsed.columns = {name: [values[i] for i in keep] for name, values in cols.items()}
    problems.sort(key=lambda p: p.row)
    progress.advance(sheet.row_count)
    return _Plan(sheet=sheet, mapping=mapping, valid=parsed, problems=problems)


def import_creators(
    session: Session,
    *,
    workspace_id: int,
    path: Path,
    overrides: dict[str, Field | None] | None = None,
    platform_hint: Platform | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    progress: Progress = NO_PROGRESS,
) -> ImportReport:
    """Import `path` into the workspace in one transaction; the caller commits."""
    plan = plan_import(path, overrides=overrides, platform_hint=platform_hint, progress=progress)
    sheet = plan.sheet
    report = ImportReport(
        file=path.name,
        kind=sheet.kind,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        header_row=sheet.header_row,
        mapping=_describe(sheet.headers, plan.mapping),
        rows=sheet.row_count,
        problems=plan.problems,
        dry_run=dry_run,
    )
    report.rejected = len({p.row for p in plan.problems})
    if plan.problems and rejects_path is not None and skip_invalid:
        _write_rejects(rejects_path, sheet, plan.problems)
        report.rejects_file = rejects_path.name
    if plan.problems and not skip_invalid and not dry_run:
        # All or nothing: a single bad row keeps the whole file out.
        return report
    _apply(session, workspace_id, plan.valid, report, dry_run=dry_run, progress=progress)
    report.written = not dry_run
    return report


def _describe(headers: list[str], mapping: ColumnMapping) -> dict[str, str]:
    described: dict[str, str] = {}
    for index, header in enumerate(headers):
        label = header or f"(column {index + 1})"
        if index in mapping.fields:
            described[label] = mapping.fields[index].value
        elif index in mapping.custom:
            described[label] = "custom field"
        else:
            described[label] = "ignored"
    return described


def _write_rejects(path: Path, sheet: Sheet, problems: list[RowProblem]) -> None:
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.row, []).append(f"{p.column}: {p.reason}")
    rows: list[list[Cell]] = []
    for number, cells in sorted(sheet.cells_of(sorted(reasons)).items()):
        if number in reasons:
            padded = [_cell_text(c) for c in cells] + [""] * (len(sheet.headers) - len(cells))
            rows.append([number, *padded[: len(sheet.headers)], "; ".join(reasons[number])])
    write_table(path, ["row", *sheet.headers, "reason"], rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _apply(
    session: Session,
    workspace_id: int,
    rows: ParsedRows,
    report: ImportReport,
    *,
    dry_run: bool,
    progress: Progress,
) -> None:
    now = datetime.now(UTC)
    index = writes.existing_accounts(session, workspace_id)
    c = rows.columns
    keys = list(zip(c["platform"], c["key"], strict=True))
    matched_at = [i for i, key in enumerate(keys) if key in index]
    fresh_at = [i for i, key in enumerate(keys) if key not in index]
    matched = [rows.creator_row(i) for i in matched_at]
    creator_updates, account_updates, touched, tag_pairs = _diff(
        session, workspace_id, matched, index, now
    )
    report.updated = len(touched)
    report.unchanged = len(matched) - len(touched)
    report.created = len(fresh_at)
    if dry_run:
        return
    progress.stage("Writing creators", len(fresh_at) * 2 + len(matched))
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
    refresh = {index[keys[i]].creator_id for i in matched_at}
    refresh.update(cid for _, cid in attach)
    refresh.update(creator_ids[j] for _, j in siblings)
    writes.refresh_primary_accounts(session, refresh, now)


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
    index: dict[tuple[str, str], writes.ExistingAccount],
    now: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[int], list[tuple[int, str]]]:
    """What each matched row changes, compared with what is stored."""
    creator_updates: list[dict[str, Any]] = []
    account_updates: list[dict[str, Any]] = []
    touched: set[int] = set()
    tag_pairs: list[tuple[int, str]] = []
    if not rows:
        return creator_updates, account_updates, touched, tag_pairs
    refs = {r.row: index[(r.platform.value, r.account.key)] for r in rows}
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
        if row.name != row.account.handle and row.name != creator.name:
            c_change.update(name=row.name, name_key=normalise_key(row.name))
        merged = {**creator.custom_fields, **row.custom}
        if merged != creator.custom_fields:
            c_change["custom_fields"] = merged
        a_change: dict[str, Any] = {
            col: row.values[f]
            for f, col in ACCOUNT_COLUMNS.items()
            if f in row.values and getattr(account, col) != row.values[f]
        }
        for col, new in (("url", row.account.url), ("external_id", row.account.external_id)):
            if new and getattr(account, col) != new:
                a_change[col] = new
        new_tags = [t for t in row.tags if t not in tags.get(creator.id, set())]
        if c_change:
            name = c_change.get("name", creator.name)
            c_change["search_text"] = search_text(
                cast(str, name),
                *(a.handle for a in creator.accounts),
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
