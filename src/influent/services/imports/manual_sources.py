"""The manual source: snapshots, posts and comment samples from a CSV, for platforms without
an open API (or comments an API does not give).

Every import is all or nothing: every bad row is reported and, if there is one, nothing is
written. Rows name an account the workspace already has, by platform and handle or URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.accounts import parse_account
from influent.domain.content import PostData, SnapshotData
from influent.domain.platforms import PLATFORM_ALIASES, PostKind
from influent.domain.tabular import CheckedRow, RowProblem
from influent.domain.tabular.content import COMMENTS, POSTS, SNAPSHOTS
from influent.domain.values import ValueProblem, normalise_key
from influent.services.enrichment.account_saving import refresh_creators
from influent.services.imports.pipeline import Table, TableReport, UnreadableFile, import_table
from influent.store import source_queries as queries
from influent.store.models import Account

__all__ = [
    "ManualImportReport",
    "UnreadableFile",
    "import_comments",
    "import_posts",
    "import_snapshots",
]

SOURCE = "manual"
ManualImportReport = TableReport
Rows = list[tuple[Account, dict[str, Any]]]


class _AccountRows:
    """The common half of the manual writers: each row names a stored account.

    `check` finds the account a row names (platform and handle or URL) or reports the
    handle; `write` pairs each row with its account and hands them to the kind's own step.
    """

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.session, self.workspace_id = session, workspace_id
        self._accounts: dict[tuple[str, str], Account | None] = {}
        self._by_row: dict[int, Account] = {}

    def check(self, row: CheckedRow[str], table: Table[str]) -> list[RowProblem]:
        try:
            self._by_row[row.row] = self._account(row.cells)
        except ValueProblem as problem:
            return [table.problem(row.row, "handle", row.cells.get("handle") or "", problem)]
        return []

    def write(self, rows: list[CheckedRow[str]], table: Table[str]) -> int | list[RowProblem]:
        paired = [(self._by_row[r.row], {**r.values, "row": r.row}) for r in rows]
        return self.store(paired, table)

    def store(self, rows: Rows, table: Table[str]) -> int | list[RowProblem]:
        raise NotImplementedError

    def _account(self, cells: dict[str, object]) -> Account:
        platform = PLATFORM_ALIASES.get(normalise_key(str(cells.get("platform") or "")))
        ref = parse_account(cells.get("handle"), platform)
        if ref is None:
            raise ValueProblem("empty")
        if ref.platform is None:
            raise ValueProblem("no_known_platform", text=cells.get("platform") or "")
        wanted = (ref.platform.value, ref.key)
        if wanted not in self._accounts:
            self._accounts[wanted] = self.session.scalar(
                select(Account).where(
                    Account.workspace_id == self.workspace_id,
                    Account.platform == wanted[0],
                    Account.handle_key == wanted[1],
                )
            )
        account = self._accounts[wanted]
        if account is None:
            raise ValueProblem("unknown_account", platform=wanted[0], handle=ref.handle)
        return account


class _Snapshots(_AccountRows):
    def store(self, rows: Rows, table: Table[str]) -> int:
        session, written = self.session, 0
        for account, v in rows:
            snapshot = SnapshotData(
                taken_at=v["date"],
                source=SOURCE,
                followers=v.get("followers"),
                following=v.get("following"),
                posts_count=v.get("posts"),
                total_views=v.get("views"),
            )
            queries.upsert_snapshot(session, account.id, snapshot)
            # The account shows the newest numbers it has, whichever source brought them.
            latest = account.stats_updated_at
            if latest is None or v["date"].date() >= latest.astimezone(UTC).date():
                for name in ("followers", "following", "posts_count", "total_views"):
                    if getattr(snapshot, name) is not None:
                        setattr(account, name, getattr(snapshot, name))
                account.stats_source, account.stats_updated_at = SOURCE, v["date"]
            session.flush()
            written += 1
        refresh_creators(session, {a.creator_id for a, _ in rows}, datetime.now(UTC))
        return written


class _Posts(_AccountRows):
    def store(self, rows: Rows, table: Table[str]) -> int:
        now = datetime.now(UTC)
        by_account: dict[int, list[PostData]] = {}
        for account, v in rows:
            post_ref = str(v["post"])
            by_account.setdefault(account.id, []).append(
                PostData(
                    external_id=post_ref,
                    published_at=v["date"],
                    kind=v.get("kind") or PostKind.POST,
                    caption=v.get("caption"),
                    url=post_ref if post_ref.startswith(("http://", "https://")) else None,
                    likes=v.get("likes"),
                    comments=v.get("comments"),
                    views=v.get("views"),
                    shares=v.get("shares"),
                )
            )
        written = 0
        for account_id, posts in by_account.items():
            queries.upsert_posts(self.session, account_id, posts, source=SOURCE, fetched_at=now)
            written += len(posts)
        self.session.flush()
        return written


class _Comments(_AccountRows):
    def store(self, rows: Rows, table: Table[str]) -> int | list[RowProblem]:
        session = self.session
        posts: dict[tuple[int, str], int | None] = {}
        problems: list[RowProblem] = []
        for account, v in rows:
            key = (account.id, str(v["post"]))
            if key not in posts:
                posts[key] = queries.post_id(session, account.id, key[1])
            if posts[key] is None:
                problem = ValueProblem("unknown_post", post=key[1], handle=account.handle)
                problems.append(table.problem(v["row"], "post", key[1], problem))
        if problems:
            return problems
        samples: dict[int, list[tuple[str, str | None, datetime | None]]] = {}
        for account, v in rows:
            post_id = posts[(account.id, str(v["post"]))]
            assert post_id is not None
            samples.setdefault(post_id, []).append((v["text"], v.get("author"), v.get("date")))
        now = datetime.now(UTC)
        written = 0
        for post_id, comments in samples.items():
            queries.replace_comments(session, post_id, comments, source=SOURCE, fetched_at=now)
            written += len(comments)
        session.flush()
        return written


def import_snapshots(session: Session, *, workspace_id: int, path: Path) -> TableReport:
    """Numbers per account and day (platform, handle, date, followers, following, posts, views)."""
    return import_table(path, SNAPSHOTS, _Snapshots(session, workspace_id))


def import_posts(session: Session, *, workspace_id: int, path: Path) -> TableReport:
    """Posts with their counters (platform, handle, post id or URL, date, kind, caption, …)."""
    return import_table(path, POSTS, _Posts(session, workspace_id))


def import_comments(session: Session, *, workspace_id: int, path: Path) -> TableReport:
    """Comment samples (platform, handle, post id or URL, comment text; author and date optional).

    Each post named gets the file's comments as its manual sample, in place of an earlier
    one, so importing the same file twice changes nothing. The posts must be known already.
    """
    return import_table(path, COMMENTS, _Comments(session, workspace_id))
