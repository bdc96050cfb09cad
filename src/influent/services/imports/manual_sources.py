"""The manual source: snapshots, posts and comment samples from a CSV, for platforms without
an open API (or comments an API does not give).

Every import is all or nothing: every bad row is reported and, if there is one, nothing is
written. Rows name an account the workspace already has, by platform and handle or URL.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.accounts import parse_account
from influent.domain.content import PostData, SnapshotData
from influent.domain.platforms import PLATFORM_ALIASES, PostKind
from influent.domain.rows import RowProblem
from influent.domain.values import ValueProblem, is_missing, normalise_key, parse_count, parse_text
from influent.services.enrichment.account_saving import refresh_creators
from influent.sources.spreadsheet.reader import UnreadableFile, read_sheet
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

# Accepted header names (normalised) per column; French spellings included.
_SNAPSHOT_COLUMNS: dict[str, tuple[str, ...]] = {
    "platform": ("platform", "plateforme", "network", "reseau"),
    "handle": ("handle", "pseudo", "account", "compte", "username", "url", "profile"),
    "date": ("date", "day", "jour", "taken at"),
    "followers": ("followers", "abonnes", "subscribers", "fans"),
    "following": ("following", "abonnements"),
    "posts": ("posts", "publications", "posts count", "media count"),
    "views": ("views", "vues", "total views"),
}
_POST_COLUMNS: dict[str, tuple[str, ...]] = {
    "platform": _SNAPSHOT_COLUMNS["platform"],
    "handle": _SNAPSHOT_COLUMNS["handle"],
    "post": ("post id", "post", "post url", "id", "link", "lien", "permalink"),
    "date": ("date", "published", "published at", "publie le", "date de publication"),
    "kind": ("kind", "type", "format"),
    "caption": ("caption", "legende", "text", "texte", "title", "titre"),
    "likes": ("likes", "j aime"),
    "comments": ("comments", "commentaires"),
    "views": ("views", "vues", "plays", "lectures"),
    "shares": ("shares", "partages", "reposts"),
}
_COMMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "platform": _SNAPSHOT_COLUMNS["platform"],
    "handle": _SNAPSHOT_COLUMNS["handle"],
    "post": _POST_COLUMNS["post"],
    "text": ("comment", "commentaire", "comment text", "text", "texte", "message"),
    "author": ("author", "auteur", "commenter", "from", "de"),
    "date": ("date", "published", "published at", "publie le", "date du commentaire"),
}
_REQUIRED = ("platform", "handle", "date")
_REQUIRED_FOR_COMMENTS = ("platform", "handle", "post", "text")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(slots=True)
class ManualImportReport:
    file: str
    rows: int
    written: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def parse_date(value: object) -> datetime:
    """'2024-05-06', '2024-05-06T10:00:00Z', '06/05/2024' (day first) or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    text = str(value).strip()
    match = _DAY_FIRST.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime(year, month, day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueProblem("not_a_date", text=text) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _columns(headers: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    keys = [normalise_key(h) for h in headers]
    found: dict[str, int] = {}
    for name, aliases in wanted.items():
        for alias in aliases:
            if alias in keys and keys.index(alias) not in found.values():
                found[name] = keys.index(alias)
                break
    return found


class _Rows:
    """The sheet's rows as dicts of cells, with the account each names, or a problem."""

    def __init__(
        self,
        session: Session,
        workspace_id: int,
        path: Path,
        wanted: dict[str, Any],
        required: tuple[str, ...] = _REQUIRED,
    ):
        self.sheet = read_sheet(path)
        self.columns = _columns(self.sheet.headers, wanted)
        missing = [c for c in required if c not in self.columns]
        if missing:
            # Name columns as a user would head them (the first accepted spelling).
            raise UnreadableFile(
                f"{path.name} has no “{wanted[missing[0]][0]}” column "
                f"(columns: {', '.join(names[0] for names in wanted.values())})."
            )
        self._session, self._workspace_id = session, workspace_id
        self._accounts: dict[tuple[str, str], Account | None] = {}

    def cells(self, row: list[object]) -> dict[str, object]:
        return {n: row[i] if i < len(row) else None for n, i in self.columns.items()}

    def account(self, cells: dict[str, object]) -> Account:
        platform = PLATFORM_ALIASES.get(normalise_key(str(cells["platform"] or "")))
        ref = parse_account(cells["handle"], platform)
        if ref is None:
            raise ValueProblem("empty")
        if ref.platform is None:
            raise ValueProblem("no_known_platform", text=cells["platform"] or "")
        wanted = (ref.platform.value, ref.key)
        if wanted not in self._accounts:
            self._accounts[wanted] = self._session.scalar(
                select(Account).where(
                    Account.workspace_id == self._workspace_id,
                    Account.platform == wanted[0],
                    Account.handle_key == wanted[1],
                )
            )
        account = self._accounts[wanted]
        if account is None:
            raise ValueProblem("unknown_account", platform=wanted[0], handle=ref.handle)
        return account


def _read(cells: dict[str, object], name: str, number: int, problems: list[RowProblem]) -> Any:
    value = cells.get(name)
    try:
        if name == "date":
            return parse_date(value) if not is_missing(value) else _missing()
        if name in ("caption", "post", "text"):
            return parse_text(value, max_length=5_000)
        if name == "author":
            return parse_text(value, max_length=300)
        if name == "kind":
            text = (parse_text(value) or "post").lower()
            return PostKind(text) if text in PostKind.__members__.values() else PostKind.OTHER
        return parse_count(value)
    except ValueProblem as problem:
        problems.append(RowProblem(number, name, "" if value is None else str(value), str(problem)))
        return None


def _missing() -> datetime:
    raise ValueProblem("missing")


def _run(
    session: Session, workspace_id: int, path: Path, wanted: dict[str, Any], kind: str
) -> tuple[ManualImportReport, list[tuple[Account, dict[str, Any]]]]:
    required = _REQUIRED_FOR_COMMENTS if kind == "comment" else _REQUIRED
    rows = _Rows(session, workspace_id, path, wanted, required)
    report = ManualImportReport(file=path.name, rows=len(rows.sheet.rows))
    good: list[tuple[Account, dict[str, Any]]] = []
    for number, row in rows.sheet.rows:
        cells = rows.cells(row)
        before = len(report.problems)
        try:
            account = rows.account(cells)
        except ValueProblem as problem:
            value = str(cells.get("handle") or "")
            report.problems.append(RowProblem(number, "handle", value, str(problem)))
            continue
        values = {
            n: _read(cells, n, number, report.problems)
            for n in rows.columns
            # A comment's date is optional: an empty one is simply unknown.
            if n not in ("platform", "handle")
            and not (kind == "comment" and n == "date" and is_missing(cells.get(n)))
        }
        if kind in ("post", "comment") and not values.get("post"):
            report.problems.append(RowProblem(number, "post", "", "a post needs an id or URL"))
        if kind == "comment" and not values.get("text"):
            report.problems.append(RowProblem(number, "text", "", "a comment needs its text"))
        if len(report.problems) == before:
            values["row"] = number
            good.append((account, values))
    return report, good


def import_snapshots(session: Session, *, workspace_id: int, path: Path) -> ManualImportReport:
    """Numbers per account and day (platform, handle, date, followers, following, posts, views)."""
    report, good = _run(session, workspace_id, path, _SNAPSHOT_COLUMNS, "snapshot")
    if not report.ok:
        return report
    for account, v in good:
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
        report.written += 1
    refresh_creators(session, {a.creator_id for a, _ in good}, datetime.now(UTC))
    return report


def import_posts(session: Session, *, workspace_id: int, path: Path) -> ManualImportReport:
    """Posts with their counters (platform, handle, post id or URL, date, kind, caption, …)."""
    report, good = _run(session, workspace_id, path, _POST_COLUMNS, "post")
    if not report.ok:
        return report
    now = datetime.now(UTC)
    by_account: dict[int, list[PostData]] = {}
    for account, v in good:
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
    for account_id, posts in by_account.items():
        queries.upsert_posts(session, account_id, posts, source=SOURCE, fetched_at=now)
        report.written += len(posts)
    session.flush()
    return report


def import_comments(session: Session, *, workspace_id: int, path: Path) -> ManualImportReport:
    """Comment samples (platform, handle, post id or URL, comment text; author and date optional).

    Each post named gets the file's comments as its manual sample, in place of an earlier
    one, so importing the same file twice changes nothing. The posts must be known already.
    """
    report, good = _run(session, workspace_id, path, _COMMENT_COLUMNS, "comment")
    if not report.ok:
        return report
    posts: dict[tuple[int, str], int | None] = {}
    for account, v in good:
        key = (account.id, str(v["post"]))
        if key not in posts:
            posts[key] = queries.post_id(session, account.id, key[1])
        if posts[key] is None:
            problem = ValueProblem("unknown_post", post=key[1], handle=account.handle)
            report.problems.append(RowProblem(v["row"], "post", key[1], str(problem)))
    if not report.ok:
        return report
    samples: dict[int, list[tuple[str, str | None, datetime | None]]] = {}
    for account, v in good:
        post_id = posts[(account.id, str(v["post"]))]
        assert post_id is not None
        samples.setdefault(post_id, []).append((v["text"], v.get("author"), v.get("date")))
    now = datetime.now(UTC)
    for post_id, comments in samples.items():
        queries.replace_comments(session, post_id, comments, source=SOURCE, fetched_at=now)
        report.written += len(comments)
    session.flush()
    return report
