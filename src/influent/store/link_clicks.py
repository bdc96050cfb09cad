"""The redirect's own database access: find a link by key, and write clicks in batches.

The redirect is the hottest path of the app, so it talks to the database through the driver
(sqlite3 or psycopg) with a handful of plain statements instead of the ORM. Each `write` is one
transaction that inserts the clicks, counts new visitors and bumps the per-link counters and
the daily rollups, then commits: on SQLite with `synchronous=FULL` (an fsync of the WAL at every
commit), on PostgreSQL with its default `synchronous_commit=on` (the WAL flushed at commit).
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.engine import make_url

__all__ = ["Click", "ClickStore", "LinkTarget", "open_click_store"]

# Multi-row VALUES stay well under SQLite's 32,766 bound parameters.
_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Click:
    """One click; `at` is a UTC datetime (the redirect takes it from `datetime.now(UTC)`)."""

    link_id: int
    at: datetime
    visitor: str
    is_bot: bool
    agent: str


@dataclass(frozen=True, slots=True)
class LinkTarget:
    link_id: int
    url: str


class _Connection(Protocol):
    def cursor(self) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class ClickStore:
    """One database connection for one thread: the writer thread, or the request loop's lookups."""

    def __init__(self, connection: _Connection, *, sqlite: bool) -> None:
        self.connection = connection
        self.sqlite = sqlite
        self.mark = "?" if sqlite else "%s"

    def close(self) -> None:
        self.connection.close()

    def _sql(self, text: str) -> str:
        return text if self.sqlite else text.replace("?", "%s")

    def _time(self, value: datetime) -> Any:
        # SQLAlchemy's SQLite DateTime text format, so the ORM reads these rows back.
        return value.replace(tzinfo=None).isoformat(" ", "microseconds") if self.sqlite else value

    def _day(self, value: date) -> Any:
        return value.isoformat() if self.sqlite else value

    def find(self, key_lower: str) -> LinkTarget | None:
        cursor = self.connection.cursor()
        try:
            cursor.execute(
                self._sql("SELECT id, target_url FROM links WHERE key_lower = ?"), (key_lower,)
            )
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else LinkTarget(int(row[0]), str(row[1]))

    def salt(self, day: date) -> bytes:
        """The day's random salt, made by whichever process needs it first; older ones deleted."""
        cursor = self.connection.cursor()
        try:
            if self.sqlite:
                _begin_immediate(cursor)
            cursor.execute(
                self._sql(
                    "INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING"
                ),
                (self._day(day), secrets.token_hex(32)),
            )
            cursor.execute(
                self._sql("SELECT salt FROM visitor_salts WHERE day = ?"), (self._day(day),)
            )
            salt = str(cursor.fetchone()[0])
            # Yesterday's salt stays for clicks that straddle midnight; older ones go, and with
            # them any chance of linking a visitor hash back to an address.
            cursor.execute(
                self._sql("DELETE FROM visitor_salts WHERE day < ?"),
                (self._day(day - timedelta(days=1)),),
            )
            cursor.execute(
                self._sql("DELETE FROM link_visitors WHERE day < ?"),
                (self._day(day - timedelta(days=1)),),
            )
            self.connection.commit()
        except BaseException:
            self.connection.rollback()
            raise
        finally:
            cursor.close()
        return bytes.fromhex(salt)

    def write(self, clicks: Sequence[Click]) -> None:
        """Store the clicks and everything counted from them in one durable transaction."""
        if not clicks:
            return
        if not self.sqlite:
            self._write_postgres(clicks)
            return
        cursor = self.connection.cursor()
        try:
            _begin_immediate(cursor)
            self._insert_clicks(cursor, clicks)
            new_visitors = self._new_visitors(cursor, clicks)
            self._count(cursor, clicks, new_visitors)
            self.connection.commit()
        except BaseException:
            self.connection.rollback()
            raise
        finally:
            cursor.close()

    def _write_postgres(self, clicks: Sequence[Click]) -> None:
        # One statement in autocommit: one round trip and one WAL flush for the whole batch.
        # Two processes may lock the same links in another order; PostgreSQL then aborts one
        # statement, which is simply run again.
        params = (
            [c.link_id for c in clicks],
            [c.at for c in clicks],
            [c.visitor for c in clicks],
            [c.is_bot for c in clicks],
            [c.agent for c in clicks],
        )
        for attempt in range(3):
            cursor = self.connection.cursor()
            try:
                cursor.execute(_POSTGRES_BATCH, params)
                return
            except Exception as error:
                if attempt == 2 or type(error).__name__ != "DeadlockDetected":
                    raise
            finally:
                cursor.close()

    def _insert_clicks(self, cursor: Any, clicks: Sequence[Click]) -> None:
        # Multi-row VALUES: the driver binds a whole chunk in C and steps once, instead of
        # stepping (and giving up the GIL to the request loop) once per row.
        row = f"({self.mark}, {self.mark}, {self.mark}, {self.mark}, {self.mark})"
        for start in range(0, len(clicks), _CHUNK // 2):
            chunk = clicks[start : start + _CHUNK // 2]
            params: list[Any] = []
            for c in chunk:
                params += (c.link_id, self._time(c.at), c.visitor, c.is_bot, c.agent)
            cursor.execute(
                "INSERT INTO link_clicks (link_id, at, visitor, is_bot, agent) VALUES "
                + ", ".join([row] * len(chunk)),
                params,
            )

    def _new_visitors(self, cursor: Any, clicks: Sequence[Click]) -> dict[tuple[int, date], int]:
        """Insert today's human visitors; count, per link and day, those not seen before."""
        seen: dict[tuple[int, str], date] = {}
        for click in clicks:
            if not click.is_bot:
                seen.setdefault((click.link_id, click.visitor), click.at.date())
        new: dict[tuple[int, date], int] = defaultdict(int)
        rows = [(link_id, visitor, day) for (link_id, visitor), day in seen.items()]
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            values = ", ".join([f"({self.mark}, {self.mark}, {self.mark})"] * len(chunk))
            params = [
                p for link_id, visitor, day in chunk for p in (link_id, visitor, self._day(day))
            ]
            cursor.execute(
                f"INSERT INTO link_visitors (link_id, visitor, day) VALUES {values} "
                "ON CONFLICT (link_id, visitor) DO NOTHING RETURNING link_id, day",
                params,
            )
            for link_id, day in cursor.fetchall():
                day = day if isinstance(day, date) else date.fromisoformat(day)
                new[(int(link_id), day)] += 1
        return new

    def _count(
        self, cursor: Any, clicks: Sequence[Click], new_visitors: dict[tuple[int, date], int]
    ) -> None:
        days: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
        for click in clicks:
            days[(click.link_id, click.at.date())][1 if click.is_bot else 0] += 1
        for key, count in new_visitors.items():
            days[key][2] += count
        links: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for (link_id, _day), (human, bot, visitors) in days.items():
            total = links[link_id]
            total[0] += human
            total[1] += bot
            total[2] += visitors
        # Rows are touched in id order so that two processes never wait on each other in a cycle.
        cursor.executemany(
            self._sql(
                "UPDATE links SET clicks_human = clicks_human + ?, clicks_bot = clicks_bot + ?, "
                "visitors = visitors + ? WHERE id = ?"
            ),
            [(h, b, v, link_id) for link_id, (h, b, v) in sorted(links.items())],
        )
        cursor.executemany(
            self._sql(
                "INSERT INTO link_days (link_id, day, human, bot, visitors) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (link_id, day) DO UPDATE SET human = link_days.human + excluded.human, "
                "bot = link_days.bot + excluded.bot, visitors = link_days.visitors + excluded.visitors"
            ),
            [(k[0], self._day(k[1]), h, b, v) for k, (h, b, v) in sorted(days.items())],
        )


_POSTGRES_BATCH = """
WITH c AS (
    INSERT INTO link_clicks (link_id, at, visitor, is_bot, agent)
    SELECT * FROM unnest(%s::bigint[], %s::timestamptz[], %s::text[], %s::bool[], %s::text[])
    RETURNING link_id, (at AT TIME ZONE 'UTC')::date AS day, visitor, is_bot
), v AS (
    INSERT INTO link_visitors (link_id, visitor, day)
    SELECT DISTINCT ON (link_id, visitor) link_id, visitor, day FROM c WHERE NOT is_bot
    ON CONFLICT (link_id, visitor) DO NOTHING
    RETURNING link_id, day
), per_day AS (
    SELECT c.link_id, c.day, count(*) FILTER (WHERE NOT c.is_bot) AS human,
           count(*) FILTER (WHERE c.is_bot) AS bot,
           coalesce(max(n.visitors), 0) AS visitors
    FROM c LEFT JOIN (SELECT link_id, day, count(*) AS visitors FROM v GROUP BY 1, 2) AS n
         ON n.link_id = c.link_id AND n.day = c.day
    GROUP BY 1, 2
), d AS (
    INSERT INTO link_days (link_id, day, human, bot, visitors)
    SELECT link_id, day, human, bot, visitors FROM per_day ORDER BY 1, 2
    ON CONFLICT (link_id, day) DO UPDATE SET human = link_days.human + excluded.human,
        bot = link_days.bot + excluded.bot, visitors = link_days.visitors + excluded.visitors
)
UPDATE links SET clicks_human = links.clicks_human + s.human,
    clicks_bot = links.clicks_bot + s.bot, visitors = links.visitors + s.visitors
FROM (SELECT link_id, sum(human) AS human, sum(bot) AS bot, sum(visitors) AS visitors
      FROM per_day GROUP BY 1) AS s
WHERE links.id = s.link_id
"""


def open_click_store(database_url: str) -> ClickStore:
    """A new connection to the app's database, set up for durable click writes."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        connection = sqlite3.connect(
            url.database or ":memory:", isolation_level=None, check_same_thread=False, timeout=30
        )
        connection.execute("PRAGMA journal_mode=WAL")
        # FULL: the WAL is synced at every commit, so a click is on disk before its 302 leaves,
        # even if the machine loses power (NORMAL would only survive a process crash).
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA busy_timeout=30000")
        return ClickStore(_SqliteConnection(connection), sqlite=True)
    import psycopg

    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return ClickStore(psycopg.connect(conninfo, autocommit=True), sqlite=False)


def _begin_immediate(cursor: sqlite3.Cursor) -> None:
    """Take SQLite's write lock, asking again every 0.2 ms while another process holds it.

    SQLite's own busy handler sleeps 1, 2, 5, 10… up to 100 ms between tries, which is far
    longer than another redirect process holds the lock for one group commit.
    """
    deadline = time.monotonic() + 30
    cursor.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.0002)
    finally:
        cursor.execute("PRAGMA busy_timeout=30000")


class _SqliteConnection:
    """sqlite3 in autocommit mode, where the store opens transactions itself (BEGIN IMMEDIATE)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.raw = connection

    def cursor(self) -> sqlite3.Cursor:
        return self.raw.cursor()

    def commit(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()
