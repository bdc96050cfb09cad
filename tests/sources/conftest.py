"""Shared helpers for the sources tests: recorded fixtures, a fake clock, mock transports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from influent.sources.http import HttpClient

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources"
NOW = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)

Handler = Callable[[httpx.Request], httpx.Response]


def fixture_bytes(source: str, name: str) -> bytes:
    return (FIXTURES / source / name).read_bytes()


def fixture_json(source: str, name: str) -> Any:
    return json.loads(fixture_bytes(source, name))


def recorded(source: str, name: str, status: int = 200, **headers: str) -> httpx.Response:
    """A response serving a recorded fixture file byte for byte."""
    kind = "application/json" if name.endswith(".json") else "application/xml"
    return httpx.Response(
        status,
        content=fixture_bytes(source, name),
        headers={"Content-Type": kind, **{k.replace("_", "-"): v for k, v in headers.items()}},
    )


class FakeClock:
    """Monotonic time that only moves when something sleeps."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Recorder:
    """A MockTransport handler that answers from a list or a function and keeps every request."""

    def __init__(self, answer: Handler | list[httpx.Response | Exception]) -> None:
        self.requests: list[httpx.Request] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if callable(self._answer):
            return self._answer(request)
        answer = self._answer.pop(0) if len(self._answer) > 1 else self._answer[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def params(self, index: int = -1) -> dict[str, str]:
        return dict(self.requests[index].url.params)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_http(clock: FakeClock) -> Iterator[Callable[..., tuple[HttpClient, Recorder]]]:
    clients: list[HttpClient] = []

    def make(
        answer: Handler | list[httpx.Response | Exception], **options: Any
    ) -> tuple[HttpClient, Recorder]:
        recorder = Recorder(answer)
        options.setdefault("now", lambda: NOW)
        http = HttpClient(
            transport=httpx.MockTransport(recorder),
            clock=clock.time,
            sleep=clock.sleep,
            **options,
        )
        clients.append(http)
        return http, recorder

    yield make
    for http in clients:
        http.close()
