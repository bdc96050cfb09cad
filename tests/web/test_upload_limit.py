"""The upload limit counts a request body as it arrives, chunked bodies included."""

from __future__ import annotations

import asyncio
from typing import Any

from influent.services.accounts import users
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from influent_testing import Team

CHUNK = 64 * 1024


def post_chunked(
    app: Any, path: str, headers: list[tuple[bytes, bytes]], total: int
) -> tuple[int, bytes, int]:
    """POST `total` bytes of a multipart body in 64 KB chunks, with no Content-Length, the
    way a chunked upload arrives; returns the status, the body, and how many bytes the app
    pulled before it answered."""
    boundary = b"bound"
    head = (
        b'--bound\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\nname,instagram\r\n"
    )
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pulled >= total:
            return {"type": "http.request", "body": b"\r\n--bound--\r\n", "more_body": False}
        chunk = head if pulled == 0 else b"Marie,@marie\n" * (CHUNK // 13)
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"transfer-encoding", b"chunked"),
            (b"content-type", b"multipart/form-data; boundary=" + boundary),
            *headers,
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, pulled


def small_limit_app(database_url: str) -> Any:
    settings = Settings(database_url=database_url, secret_key="s" * 40, max_upload_mb=1)
    return create_app(influent=Influent(settings))


def test_it_stops_a_chunked_upload_at_the_limit_without_reading_the_rest(
    database_url: str, influent: Influent, team: Team
) -> None:
    app = small_limit_app(database_url)
    with influent.session() as session:
        token = users.create_token(session, user_id=team.member.user_id, name="tests")
    auth = [(b"authorization", f"Bearer {token}".encode())]
    status, body, pulled = post_chunked(app, "/api/v1/imports", auth, total=200 * 2**20)
    assert status == 413
    assert b"larger than 1 MB" in body
    # The limit is 1 MB plus 1 MB of framing: the app stops at the chunk that passes it,
    # so of the 200 MB sent, nothing beyond that chunk was read, let alone written.
    assert pulled <= 2 * 2**20 + CHUNK


def test_it_still_accepts_a_chunked_upload_under_the_limit(
    database_url: str, influent: Influent, team: Team
) -> None:
    app = small_limit_app(database_url)
    with influent.session() as session:
        token = users.create_token(session, user_id=team.member.user_id, name="tests")
    auth = [(b"authorization", f"Bearer {token}".encode())]
    status, body, _ = post_chunked(app, "/api/v1/imports", auth, total=300_000)
    # Read and reported on (its columns name no handle), not refused for its size.
    assert status == 400 and b"no handle or profile URL column" in body
