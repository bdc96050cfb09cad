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
from influent.services.discovery import discover
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


def test_it_runs_a_daily_snapshot_cycle_on_the_embedded_queue(influent, workspace_id):
    with_a_podcast(influent, workspace_id)
    huey = make_huey(influent.settings, immediate=True)
    tasks = schedule(huey, influent, http_factory=fake_http)
    # The daily task is due at its time, the weekly one is not.
    due = huey.read_periodic(datetime(2024, 5, 7, 3, 15))
    assert [t.name for t in due] == ["daily_snapshots"]
    summary = tasks.snapshots().get()
    assert summary[str(workspace_id)]["snapshots"] == 1
    assert snapshots(influent) == 1
    tasks.snapshots().get()  # twice the same day changes nothing
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
    monkeypatch.setenv("INFLUENT_REDIS_URL", REDIS_URL)
    huey = make_huey(influent.settings, name=f"influent-test-{uuid.uuid4().hex[:8]}")
    yield huey
    huey.flush()
    huey.storage.conn.close()


def test_it_runs_a_daily_snapshot_cycle_through_redis(influent, workspace_id, redis_huey):
    assert type(redis_huey).__name__ == "RedisHuey"
    with_a_podcast(influent, workspace_id)
    schedule(redis_huey, influent, http_factory=fake_http)
    # What the consumer's scheduler does at 03:15 UTC: enqueue what is due, then run it.
    for task in redis_huey.read_periodic(datetime(2024, 5, 7, 3, 15)):
        redis_huey.enqueue(task)
    assert redis_huey.pending_count() == 1
    task = redis_huey.dequeue()
    summary = redis_huey.execute(task)
    assert summary[str(workspace_id)]["snapshots"] == 1
    assert redis_huey.pending_count() == 0
    assert snapshots(influent) == 1
