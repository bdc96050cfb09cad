"""The short-link redirect under wrk, beside nginx answering the same 302 from its config.

Target (issue #14), with every click durable before its 302: at least 20% of nginx's
requests/s, p99 <= 10 ms, and at least one stored click per 302 answered. Both servers listen
on 127.0.0.1 and are driven by wrk at 64 connections in the same run. Influent runs as
`influent redirect` (granian) on SQLite (WAL, synchronous=FULL) and on PostgreSQL, with one
process and with two; nginx gets the same number of worker processes each time.

    python benchmarks/bench_redirect.py [--duration 10] [--connections 64]
        [--backends sqlite,postgresql] [--processes 1,2]

nginx and wrk come from Debian's packages (installed with apt-get when missing).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from influent.domain.platforms import Platform
from influent.services import creators
from influent.services.accounts.workspaces import ensure_workspace
from influent.services.campaigns import create_campaign
from influent.services.core import Influent
from influent.services.links import add_link_domain, create_link
from influent.settings import Settings

DATA = Path(__file__).parent / ".data"
INFLUENT = Path(sys.executable).parent / "influent"
POSTGRES_ADMIN = os.environ.get(
    "INFLUENT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TARGET_RATIO = 0.20
TARGET_P99_MS = 10.0
YOURLS_RPS = 1250  # nginx + php-fpm + MariaDB, measured earlier on this machine
AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1"
)
TARGET_URL = (
    "https://maisonverte.fr/serum?utm_source=instagram&utm_medium=influencer"
    "&utm_campaign=serum-launch&utm_content=lena"
)


@dataclass
class Run:
    rps: float
    p99_ms: float
    answered: int
    errors: int


def fsync_ms(folder: Path, samples: int = 200) -> tuple[float, float]:
    """Median and p99 of one 4 KiB write + fdatasync here: the floor of a durable click."""
    folder.mkdir(exist_ok=True)
    path = folder / "fsync-probe"
    times = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(samples):
            os.write(fd, b"x" * 4096)
            start = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
        path.unlink()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99)]


def ensure_tools() -> None:
    missing = [tool for tool in ("nginx", "wrk") if not shutil.which(tool)]
    if not missing and Path("/usr/sbin/nginx").exists():
        return
    print("Installing nginx-light and wrk from Debian's packages…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light", "wrk"], check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, expected: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited ({process.returncode}) before answering {url}")
        try:
            if httpx.get(url, timeout=1).status_code == expected:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url}")


def wrk(url: str, duration: int, connections: int) -> Run:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            f"User-Agent: {AGENT}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None, out
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    answered = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        print(f"    wrk socket errors: {socket_errors.group(1)}")
    return Run(rps, float(p99.group(1)) * factor, answered - errors, errors)


def nginx(port: int, workers: int, folder: Path) -> subprocess.Popen[bytes]:
    conf = folder / f"nginx-{port}.conf"
    conf.write_text(
        f"""
daemon off;
worker_processes {workers};
pid {folder}/nginx-{port}.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location /r/ {{ return 302 "{TARGET_URL}"; }}
    }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(["nginx", "-c", str(conf), "-e", str(folder / "nginx-error.log")])
    wait_for(f"http://127.0.0.1:{port}/r/lena-serum", 302, process)
    return process


def seed(url: str) -> None:
    influent = Influent(Settings(database_url=url, secret_key="bench-" + "x" * 40))
    influent.upgrade()
    with influent.session() as session:
        workspace = ensure_workspace(session, name="Maison Verte")
        create_campaign(session, workspace_id=workspace.id, name="Serum launch")
        creators.add_creator(
            session,
            workspace_id=workspace.id,
            name="Lena",
            account=creators.NewAccount(Platform.INSTAGRAM, "@lena"),
        )
        add_link_domain(session, workspace_id=workspace.id, domain="maisonverte.fr")
        create_link(
            session,
            workspace_id=workspace.id,
            creator="@lena",
            campaign="serum-launch",
            to="https://maisonverte.fr/serum",
        )
    influent.close()


def count_clicks(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = int(connection.scalar(text("SELECT count(*) FROM link_clicks")) or 0)
    engine.dispose()
    return found


def influent_redirect(url: str, port: int, processes: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INFLUENT_DATABASE_URL": url}
    process = subprocess.Popen(
        [
            str(INFLUENT),
            "redirect",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(processes),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/r/lena-serum", 302, process)
    return process


def stop(process: subprocess.Popen[bytes], *, group: bool = False) -> None:
    if group:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL) if group else process.kill()


def databases(backends: list[str]) -> list[tuple[str, str, str | None]]:
    """(backend, url, name of a throwaway PostgreSQL database to drop)."""
    found: list[tuple[str, str, str | None]] = []
    if "sqlite" in backends:
        DATA.mkdir(exist_ok=True)
        path = DATA / "redirect.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        found.append(("SQLite", f"sqlite:///{path}", None))
    if "postgresql" in backends:
        name = f"influent_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False)
        found.append(("PostgreSQL", url, name))
    return found


def drop(name: str) -> None:
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--processes", default="1,2")
    args = parser.parse_args()
    ensure_tools()
    median, p99 = fsync_ms(DATA)
    print(f"fdatasync of 4 KiB on this disk: median {median:.2f} ms, p99 {p99:.2f} ms", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-redirect-"))
    rows: list[str] = []
    try:
        for backend, url, throwaway in databases(args.backends.split(",")):
            seed(url)
            for processes in [int(p) for p in args.processes.split(",")]:
                nginx_port, influent_port = free_port(), free_port()
                web = nginx(nginx_port, processes, folder)
                try:
                    base = wrk(
                        f"http://127.0.0.1:{nginx_port}/r/lena-serum",
                        args.duration,
                        args.connections,
                    )
                finally:
                    stop(web)
                before = count_clicks(url)
                server = influent_redirect(url, influent_port, processes)
                try:
                    ours = wrk(
                        f"http://127.0.0.1:{influent_port}/r/lena-serum",
                        args.duration,
                        args.connections,
                    )
                finally:
                    stop(server, group=True)
                # The readiness check's own click is not a 302 that wrk counted.
                stored = count_clicks(url) - before - 1
                ratio = ours.rps / base.rps
                per_302 = stored / ours.answered if ours.answered else 0.0
                verdict = (
                    "ok"
                    if ratio >= TARGET_RATIO and ours.p99_ms <= TARGET_P99_MS and per_302 >= 1.0
                    else "MISSED"
                )
                row = (
                    f"| {backend} | {processes} | {base.rps:,.0f} | {base.p99_ms:.2f} | "
                    f"{ours.rps:,.0f} | {ours.p99_ms:.2f} | {ratio:.0%} | {per_302:.3f} | "
                    f"{ours.rps / YOURLS_RPS:.1f}× | {verdict} |"
                )
                print(row, flush=True)
                rows.append(row)
            if throwaway:
                drop(throwaway)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    print(f"fdatasync of 4 KiB on this disk: median {median:.2f} ms, p99 {p99:.2f} ms")
    print(
        f"wrk, {args.connections} connections, {args.duration} s each, 127.0.0.1. "
        f"Targets: >= {TARGET_RATIO:.0%} of nginx, p99 <= {TARGET_P99_MS:.0f} ms, "
        f">= 1.0 click stored per 302. YOURLS: {YOURLS_RPS:,} req/s."
    )
    print(
        "| database | processes | nginx req/s | nginx p99 ms | Influent req/s | Influent p99 ms "
        "| share of nginx | clicks per 302 | vs YOURLS | |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
