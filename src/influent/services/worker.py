"""The background schedule, run by Huey: a snapshot of every tracked account each day (and
the shortlist's creator index of each large workspace rebuilt), every creator's
audience-quality score each night, and a refresh of every account's posts each week.

Embedded by default: Huey keeps its queue in its own SQLite file next to the database, so a
fresh install needs nothing else. With INFLUENT_REDIS_URL set, the queue lives in Redis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.engine import make_url

from influent.services.brandfit import refresh_workspace_index
from influent.services.core import Influent
from influent.services.enrichment.refresh import enrich
from influent.services.enrichment.tracking import track
from influent.services.vetting.quality_table import refresh_quality
from influent.settings import Settings
from influent.sources.http import HttpClient
from influent.store.models import Workspace

__all__ = [
    "TASKS_FILE",
    "Schedule",
    "make_huey",
    "run_consumer",
    "run_quality",
    "run_snapshots",
    "run_weekly_refresh",
    "schedule",
]

TASKS_FILE = "influent-tasks.db"
# Early morning UTC, when the APIs are quiet; YouTube's quota day starts at 07:00 or 08:00 UTC.
SNAPSHOT_TIME: dict[str, str] = {"minute": "15", "hour": "3"}
REFRESH_TIME: dict[str, str] = {"minute": "45", "hour": "3", "day_of_week": "1"}
# After the snapshots and the weekly refresh, so the scores read the night's numbers.
QUALITY_TIME: dict[str, str] = {"minute": "30", "hour": "4"}

HttpFactory = Callable[[], HttpClient]


def _redis_url(settings: Settings) -> str | None:
    return settings.redis_url or None


def make_huey(settings: Settings, *, immediate: bool = False, name: str = "influent") -> Any:
    """Redis when INFLUENT_REDIS_URL is set; else SQLite next to the database file.

    An in-memory database gets an in-memory queue, which suits tests.
    """
    url = _redis_url(settings)
    if url:
        return RedisHuey(name, url=url, immediate=immediate)
    folder = Path.cwd()
    if settings.is_sqlite:
        database = make_url(settings.database_url).database
        if not database or database == ":memory:":
            return MemoryHuey(name, immediate=immediate)
        folder = Path(database).resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(folder / TASKS_FILE), immediate=immediate)


def _workspaces(app: Influent) -> list[int]:
    with app.session() as session:
        return list(session.scalars(select(Workspace.id).order_by(Workspace.id)))


def run_snapshots(app: Influent, http_factory: HttpFactory = HttpClient) -> dict[str, Any]:
    """Today's snapshots in every workspace, then the large workspaces' creator indexes
    rebuilt for the shortlist; what the daily task does."""
    summary: dict[str, Any] = {}
    with http_factory() as http:
        for workspace_id in _workspaces(app):
            with app.session() as session:
                report = track(session, workspace_id=workspace_id, http=http)
            summary[str(workspace_id)] = report.to_dict()
            with app.session() as session:
                summary[str(workspace_id)]["indexed"] = refresh_workspace_index(
                    session, workspace_id=workspace_id
                )
    return summary


def run_weekly_refresh(app: Influent, http_factory: HttpFactory = HttpClient) -> dict[str, Any]:
    """Numbers and recent posts of every account in every workspace; the weekly task."""
    summary: dict[str, Any] = {}
    with http_factory() as http:
        for workspace_id in _workspaces(app):
            with app.session() as session:
                report = enrich(session, workspace_id=workspace_id, all_accounts=True, http=http)
            summary[str(workspace_id)] = report.to_dict()
    return summary


def run_quality(app: Influent) -> dict[str, int]:
    """Every creator's audience-quality score in every workspace; the nightly task."""
    summary: dict[str, int] = {}
    for workspace_id in _workspaces(app):
        with app.session() as session:
            summary[str(workspace_id)] = refresh_quality(session, workspace_id=workspace_id)
    return summary


@dataclass(frozen=True, slots=True)
class Schedule:
    """The queue and its periodic tasks; call a task to enqueue it now."""

    huey: Any
    snapshots: Any
    refresh: Any
    quality: Any


def schedule(huey: Any, app: Influent, *, http_factory: HttpFactory = HttpClient) -> Schedule:
    """Register the periodic tasks on `huey`, bound to `app`."""

    def daily_snapshots() -> dict[str, Any]:
        return run_snapshots(app, http_factory)

    def weekly_refresh() -> dict[str, Any]:
        return run_weekly_refresh(app, http_factory)

    def nightly_quality() -> dict[str, int]:
        return run_quality(app)

    snapshots = huey.periodic_task(crontab(**SNAPSHOT_TIME), name="daily_snapshots")
    refresh = huey.periodic_task(crontab(**REFRESH_TIME), name="weekly_refresh")
    quality = huey.periodic_task(crontab(**QUALITY_TIME), name="nightly_quality")
    return Schedule(
        huey, snapshots(daily_snapshots), refresh(weekly_refresh), quality(nightly_quality)
    )


def run_consumer(huey: Any, *, workers: int = 1) -> None:
    """Run the queue's consumer in this process, periodic tasks included, until interrupted."""
    consumer = huey.create_consumer(workers=workers, periodic=True, worker_type="thread")
    consumer.run()
