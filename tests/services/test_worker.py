"""The schedule: a daily snapshot cycle on the embedded queue and on Redis."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.discovery.search import discover
from influent.services.worker import make_huey, schedule
from influent.settings import Settings
from influent.sources.http import HttpClient
from influent.store.models import Snapshot

FEED = (
    Path(__file__).parent.parent / "fixtures" / "sources" / "feeds" / "prx_99percentinvisible.xml"
)
REDIS_URL = "redis://127.0.0.1:6379/15"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def feed_server(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=FEED.read_bytes(), headers={"Content-Type": "text/xml"})


def fake_http() -> HttpClient:
    return HttpClient(transport=httpx.MockTransport(feed_server), sleep=lambda _: None)


def with_a_podcast(influent: Influent, workspace_id: int) -> None:
    with influent.session() as session, fake_http() as http:
        found = discover(
            session,
            workspace_id=workspace_id,
            queries=["https://feeds.example.org/99pi.xml"],
            sources=["feeds"],
            http=http,
        )
    assert len(found.candidates) == 1
    # Discovery already took today's snapshot; the cycle below must take it again.
    with influent.session() as session:
        session.execute(Snapshot.__table__.delete())


def snapshots(influent: Influent) -> int:
    with influent.session() as session:
        return session.scalar(select(func.count()).select_from(Snapshot)) or 0


def cycle(huey: Any, at: datetime) -> list[Any]:
    """What the consumer does at `at`: enqueue the periodic tasks due, then run the queue."""
    for task in huey.read_periodic(at):
        huey.enqueue(task)
    results = []
    while huey.pending_count():
        results.append(huey.execute(huey.dequeue()))
    return results


def test_it_runs_a_daily_snapshot_cycle_on_the_embedded_queue(
    influent, workspace_id, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # where the queue lives when the database is PostgreSQL
    monkeypatch.delenv("INFLUENT_REDIS_URL", raising=False)
    with_a_podcast(influent, workspace_id)
    huey = make_huey(influent.settings, name=f"influent-test-{uuid.uuid4().hex[:8]}")
    assert type(huey).__name__ == "SqliteHuey"
    schedule(huey, influent, http_factory=fake_http)
    # At 03:15 UTC on a Tuesday the daily task is due, the weekly one is not.
    assert [t.name for t in huey.read_periodic(datetime(2024, 5, 7, 3, 15))] == ["daily_snapshots"]
    [summary] = cycle(huey, datetime(2024, 5, 7, 3, 15))
    assert summary[str(workspace_id)]["snapshots"] == 1
    assert snapshots(influent) == 1
    assert cycle(huey, datetime(2024, 5, 7, 3, 16)) == []  # nothing else is due
    huey.flush()


def test_it_runs_tasks_at_once_in_immediate_mode(influent, workspace_id):
    with_a_podcast(influent, workspace_id)
    tasks = schedule(make_huey(influent.settings, immediate=True), influent, http_factory=fake_http)
    tasks.snapshots()
    tasks.snapshots()  # twice the same day: still one snapshot
    assert snapshots(influent) == 1
    tasks.refresh()
    assert snapshots(influent) == 1


def test_it_keeps_the_embedded_queue_next_to_the_database(tmp_path: Path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'data' / 'influent.db'}")
    huey = make_huey(settings)
    assert Path(huey.storage.filename) == (tmp_path / "data" / "influent-tasks.db").resolve()


@pytest.fixture
def redis_huey(influent: Influent, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_URL}: {error.__class__.__name__}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    settings = influent.settings.model_copy(update={"redis_url": REDIS_URL})
    huey = make_huey(settings, name=f"influent-test-{uuid.uuid4().hex[:8]}")
    yield huey
    huey.flush()
    huey.storage.conn.close()


def test_it_runs_a_daily_snapshot_cycle_through_redis(influent, workspace_id, redis_huey):
    assert type(redis_huey).__name__ == "RedisHuey"
    with_a_podcast(influent, workspace_id)
    schedule(redis_huey, influent, http_factory=fake_http)
    [summary] = cycle(redis_huey, datetime(2024, 5, 7, 3, 15))
    assert summary[str(workspace_id)]["snapshots"] == 1
    assert redis_huey.pending_count() == 0
    assert snapshots(influent) == 1
