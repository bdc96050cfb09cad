"""A crash loses no click that was answered: SIGKILL the redirect under load, count what is stored.

The redirect runs as `influent redirect` in its own process group; a client keeps 32 requests
in flight, and the whole group is killed with SIGKILL once a third of them are answered. After a
restart, the database must hold at least as many clicks as the 302s the client received.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.links import create_link
from influent.store.link_models import LinkClick
from influent_testing import seed_link_campaign

INFLUENT = Path(sys.executable).parent / "influent"
REQUESTS = 1500
KILL_AFTER = 500
IN_FLIGHT = 32


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INFLUENT_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [str(INFLUENT), "redirect", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/r/nothing-here", timeout=1).status_code == 404:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    raise AssertionError("the redirect did not start: " + log.read_text(errors="replace"))


async def _load(port: int, process: subprocess.Popen[bytes]) -> int:
    """Send REQUESTS clicks, SIGKILL the server group after KILL_AFTER answers; count the 302s."""
    received = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(REQUESTS):
        queue.put_nowait(number)
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(limits=limits, timeout=5) as client:

        async def worker() -> None:
            nonlocal received
            while not queue.empty():
                queue.get_nowait()
                try:
                    response = await client.get(
                        f"http://127.0.0.1:{port}/r/lena-serum",
                        headers={"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0"},
                    )
                except httpx.TransportError:
                    continue
                if response.status_code == 302:
                    received += 1
                    if received == KILL_AFTER:
                        os.killpg(process.pid, signal.SIGKILL)

        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return received


def test_no_answered_click_is_lost_when_the_server_is_killed(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        create_link(session, workspace_id=workspace_id, creator="@lena", campaign="serum-launch")
    url = influent.settings.database_url
    port = _free_port()
    log = tmp_path / "redirect.log"
    process = _start(url, port, log)
    try:
        received = asyncio.run(_load(port, process))
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert KILL_AFTER <= received < REQUESTS  # killed mid-load, not after it
    restarted = _start(url, _free_port(), log)
    try:
        with influent.session() as session:
            stored = session.scalar(select(func.count()).select_from(LinkClick))
    finally:
        os.killpg(restarted.pid, signal.SIGKILL)
        restarted.wait(timeout=10)
    print(f"302s received: {received}, clicks stored: {stored}")
    assert stored is not None and stored >= received
